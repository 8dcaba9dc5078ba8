/*
 * Parsing rollcheck's command line.
 *
 *   rollcheck COMMAND [OPTION | OPERAND]... [-- OPERAND...]
 *
 * Options may come before or after operands; "--opt=value" and "--opt value"
 * are the same; "--" ends the options.  Each command accepts only its own
 * options, so that a misplaced one is an error rather than silently ignored.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck.h"
#include "cli/args.h"

const char rc_cli_usage[] =
    "usage: rollcheck check [OPTION]... FILE...\n"
    "       rollcheck extract [-o FILE] FILE...\n"
    "       rollcheck rules [--rules DIR]... [--disable ID]...\n"
    "       rollcheck explain ID [--rules DIR]...\n"
    "       rollcheck --help | --version\n"
    "\n"
    "Checks the share-based payment roll-forwards of SEC filings (option and\n"
    "restricted stock unit activity tables): counts, weighted-average prices,\n"
    "intrinsic values and terms, in exact arithmetic that respects the rounding\n"
    "of every number shown.\n"
    "\n"
    "Commands:\n"
    "  check      check FILEs together and report what does not tie\n"
    "  extract    print the roll-forwards of FILEs as model JSON, which check\n"
    "             reads back\n"
    "  rules      list the rules in force, one per line\n"
    "  explain    explain rule ID\n"
    "\n"
    "Options:\n"
    "  --format FORMAT      report format of check: text (default), json, sarif\n"
    "                       (SARIF 2.1.0), junit (JUnit XML) or html\n"
    "  -o, --output FILE    write the report (extract: the model) to FILE instead\n"
    "                       of standard output; FILE is replaced only once the\n"
    "                       whole report is written\n"
    "  --rules DIR          load the rule files (*.json) of DIR after the default\n"
    "                       rules; a rule with the id of another replaces it\n"
    "  --disable ID         turn rule ID off\n"
    "  --fail-on LEVEL      exit status 1 when a finding is at or above LEVEL:\n"
    "                       error (default), warning, info, or never\n"
    "  --warn-below ID=GAP  report a failure of rule ID as a warning when its gap\n"
    "                       is below GAP of the reported value (\"1%\" or \"0.01\";\n"
    "                       \"0\" turns the downgrade off)\n"
    "  --baseline FILE      accept the findings listed in FILE (docs/baselines.md):\n"
    "                       they are still reported, marked accepted, but do not\n"
    "                       count for the exit status; its entries that match no\n"
    "                       finding any more are reported as stale\n"
    "  --write-baseline FILE\n"
    "                       write the findings to FILE as a baseline, each with a\n"
    "                       \"reason\" to fill in (kept from --baseline when given);\n"
    "                       \"-\": to standard output, instead of the report\n"
    "  -h, --help           show this help\n"
    "  --version            show the version\n"
    "\n"
    "--rules, --disable and --warn-below may be given more than once.  Options may\n"
    "come before or after the files; \"--\" ends them.  The default rules are read\n"
    "from $ROLLCHECK_RULES when it is set, else from the rules installed with\n"
    "rollcheck.\n"
    "\n"
    "A schedule (a CSV file or a workbook of your own) FILE is read with the mapping\n"
    "file FILE.map.json beside it, when there is one (docs/schedules.md).\n"
    "\n"
    "Exit status: 0 when no finding is at or above --fail-on, 1 when one is, 2 when\n"
    "an input cannot be read or the command line, a rule file or the baseline is\n"
    "wrong.  Findings accepted by --baseline do not count.\n";

enum {
    FOR_CHECK = 1 << RC_CLI_CHECK,
    FOR_EXTRACT = 1 << RC_CLI_EXTRACT,
    FOR_RULES = 1 << RC_CLI_RULES,
    FOR_EXPLAIN = 1 << RC_CLI_EXPLAIN
};

typedef enum option_id {
    OPT_FORMAT,
    OPT_OUTPUT,
    OPT_BASELINE,
    OPT_WRITE_BASELINE,
    OPT_RULES,
    OPT_DISABLE,
    OPT_FAIL_ON,
    OPT_WARN_BELOW,
    OPT_HELP,
    OPT_VERSION
} option_id;

static const struct option {
    const char *name;
    option_id id;
    bool has_value;
    unsigned commands; /* FOR_* of the commands that accept it */
} options[] = {
    {"--format", OPT_FORMAT, true, FOR_CHECK},
    {"--output", OPT_OUTPUT, true, FOR_CHECK | FOR_EXTRACT},
    {"-o", OPT_OUTPUT, true, FOR_CHECK | FOR_EXTRACT},
    {"--baseline", OPT_BASELINE, true, FOR_CHECK},
    {"--write-baseline", OPT_WRITE_BASELINE, true, FOR_CHECK},
    {"--rules", OPT_RULES, true, FOR_CHECK | FOR_RULES | FOR_EXPLAIN},
    {"--disable", OPT_DISABLE, true, FOR_CHECK | FOR_RULES},
    {"--fail-on", OPT_FAIL_ON, true, FOR_CHECK},
    {"--warn-below", OPT_WARN_BELOW, true, FOR_CHECK},
    {"--help", OPT_HELP, false, FOR_CHECK | FOR_EXTRACT | FOR_RULES | FOR_EXPLAIN},
    {"-h", OPT_HELP, false, FOR_CHECK | FOR_EXTRACT | FOR_RULES | FOR_EXPLAIN},
    {"--version", OPT_VERSION, false, FOR_CHECK | FOR_EXTRACT | FOR_RULES | FOR_EXPLAIN},
};

static const struct {
    const char *name;
    rc_cli_command command;
} commands[] = {
    {"check", RC_CLI_CHECK},
    {"extract", RC_CLI_EXTRACT},
    {"rules", RC_CLI_RULES},
    {"explain", RC_CLI_EXPLAIN},
};

static int fail(char *err, size_t errsize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errsize, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsize, fmt, ap);
    va_end(ap);
    return -1;
}

static const struct option *find_option(const char *arg, size_t namelen)
{
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        if (strlen(options[i].name) == namelen && strncmp(options[i].name, arg, namelen) == 0)
            return &options[i];
    return NULL;
}

static const char *command_name(rc_cli_command command)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (commands[i].command == command) return commands[i].name;
    return "?";
}

/* Apply one option with its value (NULL when it takes none). */
static int apply(rc_cli_args *args, const struct option *opt, const char *value, char *err,
                 size_t errsize)
{
    switch (opt->id) {
    case OPT_FORMAT:
        if (strcmp(value, "text") == 0)
            args->format = RC_CLI_TEXT;
        else if (strcmp(value, "json") == 0)
            args->format = RC_CLI_JSON;
        else if (strcmp(value, "sarif") == 0)
            args->format = RC_CLI_SARIF;
        else if (strcmp(value, "junit") == 0)
            args->format = RC_CLI_JUNIT;
        else if (strcmp(value, "html") == 0)
            args->format = RC_CLI_HTML;
        else
            return fail(err, errsize, "unknown format '%s' (use text, json, sarif, junit or html)",
                        value);
        return 0;
    case OPT_OUTPUT:
        if (!*value) return fail(err, errsize, "option '%s' needs a file name", "--output");
        args->output = value;
        return 0;
    case OPT_BASELINE:
    case OPT_WRITE_BASELINE: {
        const char **slot = opt->id == OPT_BASELINE ? &args->baseline : &args->write_baseline;
        if (!*value) return fail(err, errsize, "option '%s' needs a file name", opt->name);
        if (*slot) return fail(err, errsize, "option '%s' given twice", opt->name);
        *slot = value;
        return 0;
    }
    case OPT_RULES:
        if (!*value) return fail(err, errsize, "option '--rules' needs a directory");
        args->rule_dirs[args->nrule_dirs++] = value;
        return 0;
    case OPT_DISABLE:
        if (!*value) return fail(err, errsize, "option '--disable' needs a rule id");
        args->disabled[args->ndisabled++] = value;
        return 0;
    case OPT_FAIL_ON: {
        rc_severity s;
        if (strcmp(value, "never") == 0)
            args->fail_on = RC_CLI_FAIL_NEVER;
        else if (rc_severity_parse(&s, value) == RC_OK)
            args->fail_on = (int)s;
        else
            return fail(err, errsize,
                        "unknown level '%s' for --fail-on (use error, warning, info or never)",
                        value);
        return 0;
    }
    case OPT_WARN_BELOW: {
        const char *eq = strchr(value, '=');
        if (!eq || eq == value || !eq[1])
            return fail(err, errsize,
                        "option '--warn-below' needs ID=GAP, e.g. RC102=1%%, not '%s'", value);
        args->warn_below[args->nwarn_below++] = value;
        return 0;
    }
    case OPT_HELP:
        args->command = RC_CLI_HELP;
        return 0;
    case OPT_VERSION:
        args->command = RC_CLI_VERSION;
        return 0;
    }
    return 0;
}

int rc_cli_parse(rc_cli_args *args, int argc, char **argv, char *err, size_t errsize)
{
    memset(args, 0, sizeof *args);
    args->format = RC_CLI_TEXT;
    args->fail_on = RC_SEVERITY_ERROR;
    size_t cap = argc > 0 ? (size_t)argc : 1;
    args->rule_dirs = calloc(cap, sizeof *args->rule_dirs);
    args->disabled = calloc(cap, sizeof *args->disabled);
    args->warn_below = calloc(cap, sizeof *args->warn_below);
    args->operands = calloc(cap, sizeof *args->operands);
    if (!args->rule_dirs || !args->disabled || !args->warn_below || !args->operands)
        return fail(err, errsize, "out of memory");

    if (argc < 2) return fail(err, errsize, "no command given");
    const char *first = argv[1];
    if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0 || strcmp(first, "help") == 0) {
        args->command = RC_CLI_HELP;
        return 0;
    }
    if (strcmp(first, "--version") == 0) {
        args->command = RC_CLI_VERSION;
        return 0;
    }
    bool known = false;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(first, commands[i].name) == 0) {
            args->command = commands[i].command;
            known = true;
        }
    if (!known) {
        if (first[0] == '-')
            return fail(err, errsize, "'%s' before a command; the command comes first", first);
        return fail(err, errsize, "unknown command '%s'", first);
    }
    rc_cli_command command = args->command;

    bool options_done = false;
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0) {
            args->operands[args->noperands++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            options_done = true;
            continue;
        }
        const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
        size_t namelen = eq ? (size_t)(eq - arg) : strlen(arg);
        const struct option *opt = find_option(arg, namelen);
        if (!opt) return fail(err, errsize, "unknown option '%.*s'", (int)namelen, arg);
        if (!(opt->commands & (1u << command)))
            return fail(err, errsize, "option '%s' is not an option of '%s'", opt->name,
                        command_name(command));
        const char *value = NULL;
        if (opt->has_value) {
            if (eq)
                value = eq + 1;
            else if (i + 1 < argc)
                value = argv[++i];
            else
                return fail(err, errsize, "option '%s' needs a value", opt->name);
        } else if (eq) {
            return fail(err, errsize, "option '%s' takes no value", opt->name);
        }
        if (apply(args, opt, value, err, errsize) < 0) return -1;
        /* --help and --version win over everything else on the line */
        if (args->command == RC_CLI_HELP || args->command == RC_CLI_VERSION) return 0;
    }

    /* --write-baseline - takes standard output from the report, unless -o - keeps it */
    if (args->write_baseline && strcmp(args->write_baseline, "-") == 0 && args->output &&
        strcmp(args->output, "-") == 0)
        return fail(err, errsize,
                    "'--write-baseline -' and '-o -' cannot both write to standard output");

    switch (command) {
    case RC_CLI_CHECK:
    case RC_CLI_EXTRACT:
        if (args->noperands == 0)
            return fail(err, errsize, "no input files given to '%s'", command_name(command));
        break;
    case RC_CLI_RULES:
        if (args->noperands > 0)
            return fail(err, errsize, "unexpected argument '%s': 'rules' takes no files",
                        args->operands[0]);
        break;
    case RC_CLI_EXPLAIN:
        if (args->noperands == 0)
            return fail(err, errsize, "'explain' needs a rule id, e.g. rollcheck explain RC101");
        if (args->noperands > 1)
            return fail(err, errsize, "unexpected argument '%s': 'explain' takes one rule id",
                        args->operands[1]);
        break;
    default:
        break;
    }
    return 0;
}

void rc_cli_args_free(rc_cli_args *args)
{
    free(args->rule_dirs);
    free(args->disabled);
    free(args->warn_below);
    free(args->operands);
    memset(args, 0, sizeof *args);
}
