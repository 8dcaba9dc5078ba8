/*
 * The inline XBRL transformation registries: what ix:nonFraction and
 * ix:nonNumeric facts' `format` attributes name.  A format is a QName whose
 * namespace says which registry it is from, and the same local name may mean
 * different things in two registries (TR3's "numdotdecimal" insists on
 * groups of three digits, TR4's "num-dot-decimal" does not), so a transform is
 * always looked up by namespace and local name together.
 *
 * Implemented: the numeric, fixed, boolean and English date transforms of
 * TR1 (2010-04-20), TR2 (2011-07-31), TR3 (2015-02-26) and TR4 (2020-02-12),
 * and the SEC's registry (2015-08-31) except countrynameen,
 * edgarprovcountryen and datequarterend.  The SEC's duration transforms
 * (duryear, durmonth ...) follow Arelle's, the processor EDGAR runs, so that
 * an inline document gives the same values as the instance EDGAR extracts
 * from it ("6.2" years is P6Y2M12D).  Private to the library.
 */
#ifndef RC_READ_IXTRANSFORM_H
#define RC_READ_IXTRANSFORM_H

#include <stddef.h>

#include "common/util.h"

/* The registries, by namespace. */
typedef enum rc_ixt_registry {
    RC_IXT_NONE = 0, /* not a registry's namespace */
    RC_IXT_TR1,      /* http://www.xbrl.org/inlineXBRL/transformation/2010-04-20 */
    RC_IXT_TR2,      /* http://www.xbrl.org/inlineXBRL/transformation/2011-07-31 */
    RC_IXT_TR3,      /* http://www.xbrl.org/inlineXBRL/transformation/2015-02-26 */
    RC_IXT_TR4,      /* http://www.xbrl.org/inlineXBRL/transformation/2020-02-12 */
    RC_IXT_SEC       /* http://www.sec.gov/inlineXBRL/transformation/2015-08-31 */
} rc_ixt_registry;

/* The registry whose namespace is ns (NULL allowed: RC_IXT_NONE). */
rc_ixt_registry rc_ixt_registry_of(const char *ns);

/*
 * Apply the transform `name` of the registry with namespace ns to the text
 * text[0..len) (UTF-8, as the document shows it, leading and trailing
 * blanks allowed).  On success, out (which the caller owns and frees with
 * rc_buf_free) holds the value as a NUL-terminated string (an unsigned
 * decimal "1500.25" for a numeric transform, "P6Y2M12D", "2025-03-29",
 * "true", "" ...), and *places (may be NULL) the decimal places the text
 * shows when the value was read from its digits ("1,500" 0, "5.877" 3), or
 * RC_DECIMALS_INF when it was not (a dash, words, a fixed value, a date).
 *
 * Returns RC_OK; RC_ENOTFOUND when ns is not a registry or name is no
 * transform of it this reader knows; RC_ESYNTAX when the text does not fit
 * the transform; RC_ENOMEM.  *errmsg (may be NULL) gets a static one-line
 * reason on failure.  out is left empty on failure.
 */
int rc_ixt_apply(rc_buf *out, const char *ns, const char *name, const char *text, size_t len,
                 int *places, const char **errmsg);

#endif
