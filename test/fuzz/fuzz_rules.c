/* Fuzz target: any bytes as a rule file. */
#include <stdint.h>
#include <stdlib.h>

#include "rollcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rc_ctx *ctx = NULL;
    rc_ruleset *rules = NULL;
    if (rc_ctx_new(&ctx) == 0 && rc_ruleset_new(&rules) == 0)
        rc_ruleset_load_string(rules, "fuzz.json", (const char *)data, size, ctx);
    rc_ruleset_free(rules);
    rc_ctx_free(ctx);
    return 0;
}
