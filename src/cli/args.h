/*
 * The command line of rollcheck: parsed into rc_cli_args, nothing run.
 * Private to the CLI.
 */
#ifndef RC_CLI_ARGS_H
#define RC_CLI_ARGS_H

#include <stddef.h>

typedef enum rc_cli_command {
    RC_CLI_CHECK,
    RC_CLI_EXTRACT,
    RC_CLI_RULES,
    RC_CLI_EXPLAIN,
    RC_CLI_HELP,
    RC_CLI_VERSION
} rc_cli_command;

typedef enum rc_cli_format {
    RC_CLI_TEXT,
    RC_CLI_JSON,
    RC_CLI_SARIF,
    RC_CLI_JUNIT,
    RC_CLI_HTML
} rc_cli_format;

/* --fail-on never: no finding makes the exit status 1 */
#define RC_CLI_FAIL_NEVER 99

typedef struct rc_cli_args {
    rc_cli_command command;
    rc_cli_format format;
    int fail_on;                /* an rc_severity, or RC_CLI_FAIL_NEVER */
    const char *output;         /* -o FILE: the report goes there (atomically), or NULL: stdout */
    const char *baseline;       /* --baseline FILE, or NULL */
    const char *write_baseline; /* --write-baseline FILE ("-": stdout), or NULL */
    /* The lists below point into argv; each array holds up to argc entries. */
    const char **rule_dirs;
    size_t nrule_dirs;
    const char **disabled;
    size_t ndisabled;
    const char **warn_below; /* "ID=PCT" as given */
    size_t nwarn_below;
    const char **operands; /* files, or the one rule id of explain */
    size_t noperands;
} rc_cli_args;

/*
 * Parse argv.  Returns 0, or -1 with a one-line message (no "rollcheck:"
 * prefix, no newline) in err.  Free the lists with rc_cli_args_free, also
 * after a failure.
 */
int rc_cli_parse(rc_cli_args *args, int argc, char **argv, char *err, size_t errsize);
void rc_cli_args_free(rc_cli_args *args);

/* The --help text. */
extern const char rc_cli_usage[];

#endif
