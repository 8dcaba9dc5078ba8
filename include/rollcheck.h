/*
 * rollcheck.h - the umbrella header of librollcheck.
 *
 * The pipeline: read (rollcheck/read.h) -> model (rollcheck/model.h) ->
 * rules (rollcheck/rules.h, rollcheck/check.h) -> report (rollcheck/report.h).
 */
#ifndef ROLLCHECK_H
#define ROLLCHECK_H

#include "rollcheck/common.h"
#include "rollcheck/number.h"
#include "rollcheck/model.h"
#include "rollcheck/read.h"
#include "rollcheck/rules.h"
#include "rollcheck/check.h"
#include "rollcheck/baseline.h"
#include "rollcheck/report.h"

#endif
