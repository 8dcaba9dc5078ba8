/* Unit tests: format detection and reading inputs (src/read/read.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rollcheck/read.h"

#define SEE_ALSO                                                                                   \
    "rollcheck reads its model JSON (docs/model-json.md), EDGAR R pages with their "               \
    "FilingSummary.xml, full submission .txt files, text captures of R pages, XBRL "               \
    "instances, inline XBRL documents, xBRL-JSON, SEC companyfacts JSON, xlsx workbooks and CSV schedules (docs/schedules.md)"

static const char *model_json = "{\"rollcheck\": \"model\", \"version\": 1, \"rollforwards\": ["
                                "{\"award\": \"options\", \"period\": {\"start\": \"2021-01-01\", "
                                "\"end\": \"2021-12-31\"}, \"opening\": {\"count\": \"10\"}, "
                                "\"closing\": {\"count\": \"10\"}}]}";

static rc_format detect(const char *s)
{
    return rc_detect_format(s, strlen(s));
}

START_TEST(test_format_name)
{
    ck_assert_str_eq(rc_format_name(RC_FORMAT_MODEL_JSON), "model-json");
    ck_assert_str_eq(rc_format_name(RC_FORMAT_UNKNOWN), "unknown");
}
END_TEST

START_TEST(test_detect_model_json)
{
    ck_assert_int_eq(detect(model_json), RC_FORMAT_MODEL_JSON);
    ck_assert_int_eq(detect("{\"rollcheck\":\"model\"}"), RC_FORMAT_MODEL_JSON);
    /* a UTF-8 byte order mark and blanks before the object */
    ck_assert_int_eq(detect("\xef\xbb\xbf{\"rollcheck\": \"model\"}"), RC_FORMAT_MODEL_JSON);
    ck_assert_int_eq(detect("\n\n  \t\r\n{\n  \"rollcheck\" : \"model\"\n}"), RC_FORMAT_MODEL_JSON);
    ck_assert_int_eq(detect("\xef\xbb\xbf \n{\"rollcheck\": \"model\"}"), RC_FORMAT_MODEL_JSON);
    /* not the first member, after nested objects and strings holding braces */
    ck_assert_int_eq(detect("{\"_note\": \"a } and a \\\" here\", \"x\": {\"y\": [1, {}]}, "
                            "\"rollcheck\": \"model\"}"),
                     RC_FORMAT_MODEL_JSON);
    /* claimed with any value, and even when broken further on: the model
     * reader then says what is wrong, and where */
    ck_assert_int_eq(detect("{\"rollcheck\": \"modle\"}"), RC_FORMAT_MODEL_JSON);
    ck_assert_int_eq(detect("{\"rollcheck\": \"model\", \"version\": "), RC_FORMAT_MODEL_JSON);
}
END_TEST

START_TEST(test_detect_other_json)
{
    /* other JSON forms are recognised, for their own readers */
    ck_assert_int_eq(detect("{\"documentInfo\": {\"documentType\": \"https://xbrl.org/2021/"
                            "xbrl-json\"}, \"facts\": {}}"),
                     RC_FORMAT_XBRL_JSON);
    ck_assert_int_eq(detect("{\"cik\": 320193, \"entityName\": \"Apple Inc.\", \"facts\": "
                            "{\"dei\": {}, \"us-gaap\": {}}}"),
                     RC_FORMAT_COMPANYFACTS);
    /* without their marks they are not */
    ck_assert_int_eq(detect("{\"documentInfo\": {\"documentType\": \"other\"}}"),
                     RC_FORMAT_UNKNOWN);
    ck_assert_int_eq(detect("{\"cik\": 320193, \"entityName\": \"Apple Inc.\", \"facts\": {}}"),
                     RC_FORMAT_UNKNOWN);
    /* the word deeper down, or as a value, or in an array, does not count */
    ck_assert_int_eq(detect("{\"facts\": {\"rollcheck\": \"model\"}}"), RC_FORMAT_UNKNOWN);
    ck_assert_int_eq(detect("{\"tool\": \"rollcheck\", \"x\": 1}"), RC_FORMAT_UNKNOWN);
    ck_assert_int_eq(detect("[{\"rollcheck\": \"model\"}]"), RC_FORMAT_UNKNOWN);
    ck_assert_int_eq(detect("{\"a\": 1} {\"rollcheck\": \"model\"}"), RC_FORMAT_UNKNOWN);
    ck_assert_int_eq(detect("{\"a\": \"\\\"rollcheck\\\": 1\"}"), RC_FORMAT_UNKNOWN);
}
END_TEST

START_TEST(test_detect_not_json)
{
    ck_assert_int_eq(rc_detect_format(NULL, 0), RC_FORMAT_UNKNOWN);
    ck_assert_int_eq(detect(""), RC_FORMAT_UNKNOWN);
    ck_assert_int_eq(detect("   \n"), RC_FORMAT_UNKNOWN);
    ck_assert_int_eq(detect("\"rollcheck\": \"model\""), RC_FORMAT_UNKNOWN);
    ck_assert_int_eq(detect("Share options | rollcheck"), RC_FORMAT_UNKNOWN);
    ck_assert_int_eq(detect("<html>{\"rollcheck\": \"model\"}</html>"), RC_FORMAT_UNKNOWN);
    /* only len bytes count */
    ck_assert_int_eq(rc_detect_format(model_json, 5), RC_FORMAT_UNKNOWN);
}
END_TEST

/* Read buf[0..len) as `name`; the result must be code with exactly msg and
 * the detected format fmt. */
static void read_fails(const char *name, const char *buf, size_t len, int code, rc_format fmt,
                       const char *msg)
{
    rc_model *model;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_model_new(&model), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_format got = (rc_format)99;
    int rc = rc_read_buffer(model, NULL, name, buf, len, &got, ctx);
    ck_assert_msg(rc == code, "%s: rc %d, want %d (%s)", name, rc, code, rc_ctx_error(ctx));
    ck_assert_int_eq(rc_ctx_code(ctx), code);
    ck_assert_str_eq(rc_ctx_error(ctx), msg);
    ck_assert_int_eq(got, fmt);
    ck_assert_uint_eq(rc_model_count(model), 0);
    rc_ctx_free(ctx);
    rc_model_free(model);
}

START_TEST(test_read_empty)
{
    read_fails("e.json", "", 0, RC_EFORMAT, RC_FORMAT_UNKNOWN, "e.json: error: empty file");
    read_fails("e.json", NULL, 0, RC_EFORMAT, RC_FORMAT_UNKNOWN, "e.json: error: empty file");
    read_fails("w.json", " \n\t\r\n", 5, RC_EFORMAT, RC_FORMAT_UNKNOWN,
               "w.json: error: empty file (only white space)");
    read_fails("b.json", "\xef\xbb\xbf\n", 4, RC_EFORMAT, RC_FORMAT_UNKNOWN,
               "b.json: error: empty file (only white space)");
}
END_TEST

START_TEST(test_read_binary)
{
    /* a NUL byte anywhere */
    const char nul[] = "{\"rollcheck\": \"model\", \0 \"version\": 1}";
    read_fails("nul.json", nul, sizeof nul - 1, RC_EFORMAT, RC_FORMAT_UNKNOWN,
               "nul.json: error: binary data, not a form rollcheck reads");
    char buf[600];
    /* a PNG header and bytes that are neither text nor UTF-8, no NUL */
    unsigned seed = 12345;
    for (size_t i = 0; i < sizeof buf; i++) {
        seed = seed * 1103515245u + 12345u;
        unsigned char c = (unsigned char)(seed >> 16);
        buf[i] = (char)(c ? c : 1);
    }
    memcpy(buf, "\x89PNG\r\n\x1a\n", 8);
    read_fails("image.png", buf, sizeof buf, RC_EFORMAT, RC_FORMAT_UNKNOWN,
               "image.png: error: binary data, not a form rollcheck reads");
    /* a gzip stream */
    const char gz[] = "\x1f\x8b\x08\x08\xa1\x9c\x03\x66\x00\x03x.json\x00\xab\x56\x2a\xca";
    read_fails("x.json.gz", gz, sizeof gz - 1, RC_EFORMAT, RC_FORMAT_UNKNOWN,
               "x.json.gz: error: binary data, not a form rollcheck reads");
}
END_TEST

START_TEST(test_read_utf16)
{
    /* "{}" in UTF-16 little-endian and big-endian, with byte order marks */
    read_fails("le.json", "\xff\xfe{\0}\0", 6, RC_EFORMAT, RC_FORMAT_UNKNOWN,
               "le.json: error: UTF-16 text (it starts with a UTF-16 byte order mark); rollcheck "
               "reads UTF-8 only: convert the file, e.g. with iconv -f UTF-16 -t UTF-8");
    read_fails("be.json", "\xfe\xff\0{\0}", 6, RC_EFORMAT, RC_FORMAT_UNKNOWN,
               "be.json: error: UTF-16 text (it starts with a UTF-16 byte order mark); rollcheck "
               "reads UTF-8 only: convert the file, e.g. with iconv -f UTF-16 -t UTF-8");
    read_fails("le.txt", "{\0\"\0r\0o\0l\0l\0\"\0:\0 \0", 18, RC_EFORMAT, RC_FORMAT_UNKNOWN,
               "le.txt: error: UTF-16 text (little-endian, without a byte order mark); rollcheck "
               "reads UTF-8 only: convert the file, e.g. with iconv -f UTF-16LE -t UTF-8");
    read_fails("be.txt", "\0{\0\"\0r\0o\0l\0l\0\"\0:\0 ", 18, RC_EFORMAT, RC_FORMAT_UNKNOWN,
               "be.txt: error: UTF-16 text (big-endian, without a byte order mark); rollcheck "
               "reads UTF-8 only: convert the file, e.g. with iconv -f UTF-16BE -t UTF-8");
    read_fails("32.json", "\xff\xfe\0\0{\0\0\0", 8, RC_EFORMAT, RC_FORMAT_UNKNOWN,
               "32.json: error: UTF-32 text (it starts with a UTF-32 byte order mark); rollcheck "
               "reads UTF-8 only: convert the file, e.g. with iconv -f UTF-32 -t UTF-8");
}
END_TEST

START_TEST(test_read_unknown_text)
{
    const char *t = "Share options outstanding | 7,505,477\n";
    read_fails("r20.txt", t, strlen(t), RC_EFORMAT, RC_FORMAT_UNKNOWN,
               "r20.txt:1:1: error: an input of unknown form; " SEE_ALSO);
    /* pointed at the first character that is not blank; a byte order mark
     * takes no column */
    t = "\xef\xbb\xbf\n\n  <html>";
    read_fails("page.htm", t, strlen(t), RC_EFORMAT, RC_FORMAT_UNKNOWN,
               "page.htm:3:3: error: an input of unknown form; " SEE_ALSO);
    t = "\xef\xbb\xbfhello";
    read_fails("h.txt", t, strlen(t), RC_EFORMAT, RC_FORMAT_UNKNOWN,
               "h.txt:1:1: error: an input of unknown form; " SEE_ALSO);
    /* Latin-1 text is text, not binary */
    t = "Caf\xe9 cr\xe8me br\xfbl\xe9"
        "e: 12 options\n";
    read_fails("latin1.txt", t, strlen(t), RC_EFORMAT, RC_FORMAT_UNKNOWN,
               "latin1.txt:1:1: error: an input of unknown form; " SEE_ALSO);
    /* JSON of another form says so */
    t = "  {\"cik\": 320193, \"facts\": {}}";
    read_fails("companyfacts.json", t, strlen(t), RC_EFORMAT, RC_FORMAT_UNKNOWN,
               "companyfacts.json:1:3: error: JSON, but not rollcheck model JSON (that is an "
               "object with \"rollcheck\": \"model\"); " SEE_ALSO);
    t = "[1, 2]";
    read_fails("a.json", t, strlen(t), RC_EFORMAT, RC_FORMAT_UNKNOWN,
               "a.json:1:1: error: JSON, but not rollcheck model JSON (that is an object with "
               "\"rollcheck\": \"model\"); " SEE_ALSO);
}
END_TEST

START_TEST(test_read_model_json_errors)
{
    /* claimed as model JSON: the model JSON reader reports, format is set */
    const char *t = "{\"rollcheck\": \"model\", \"version\": 1, \"rollforwards\": [}";
    read_fails("m.json", t, strlen(t), RC_ESYNTAX, RC_FORMAT_MODEL_JSON,
               "m.json:1:55: error: invalid JSON");
    t = "{\n  \"rollcheck\": \"models\"\n}";
    read_fails("m.json", t, strlen(t), RC_ESYNTAX, RC_FORMAT_MODEL_JSON,
               "m.json:2:16: error: 'rollcheck' must be \"model\", not \"models\"");
}
END_TEST

START_TEST(test_read_buffer_ok)
{
    rc_model *model;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_model_new(&model), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_format fmt = RC_FORMAT_UNKNOWN;
    /* with a byte order mark */
    size_t n = strlen(model_json);
    char *buf = malloc(n + 3);
    memcpy(buf, "\xef\xbb\xbf", 3);
    memcpy(buf + 3, model_json, n);
    ck_assert_int_eq(rc_read_buffer(model, NULL, "bom.json", buf, n + 3, &fmt, ctx), 0);
    free(buf);
    ck_assert_int_eq(fmt, RC_FORMAT_MODEL_JSON);
    ck_assert_uint_eq(rc_model_count(model), 1);
    ck_assert_str_eq(rc_model_get(model, 0)->file, "bom.json");
    /* format may be NULL */
    ck_assert_int_eq(rc_read_buffer(model, NULL, "again.json", model_json, n, NULL, ctx), 0);
    ck_assert_uint_eq(rc_model_count(model), 2);
    rc_ctx_free(ctx);
    rc_model_free(model);
}
END_TEST

/* A temporary file holding len bytes of data; the caller unlinks it. */
static char *temp_file(const char *data, size_t len)
{
    char *path = strdup("/tmp/rollcheck-test-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
    close(fd);
    return path;
}

static int read_path(const char *path, rc_format *fmt, char *msg, size_t msgsize, size_t *count)
{
    rc_model *model;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_model_new(&model), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    *fmt = (rc_format)99;
    int rc = rc_read_file(model, NULL, path, fmt, ctx);
    snprintf(msg, msgsize, "%s", rc_ctx_error(ctx));
    *count = rc_model_count(model);
    rc_ctx_free(ctx);
    rc_model_free(model);
    return rc;
}

START_TEST(test_read_file)
{
    char msg[1024], want[1024];
    rc_format fmt;
    size_t count;
    ck_assert_int_eq(read_path("/nonexistent/dir/x.json", &fmt, msg, sizeof msg, &count), RC_EIO);
    ck_assert_str_eq(msg, "/nonexistent/dir/x.json: error: cannot open: No such file or directory");
    ck_assert_int_eq(fmt, RC_FORMAT_UNKNOWN);

    ck_assert_int_eq(read_path("/tmp", &fmt, msg, sizeof msg, &count), RC_EIO);
    ck_assert_str_eq(msg, "/tmp: error: is a directory, not a file");
    ck_assert_int_eq(fmt, RC_FORMAT_UNKNOWN);

    char *path = temp_file("", 0);
    ck_assert_int_eq(read_path(path, &fmt, msg, sizeof msg, &count), RC_EFORMAT);
    snprintf(want, sizeof want, "%s: error: empty file", path);
    ck_assert_str_eq(msg, want);
    ck_assert_int_eq(fmt, RC_FORMAT_UNKNOWN);
    unlink(path);
    free(path);

    path = temp_file("\x7f"
                     "ELF"
                     "\x02\x01\x01\0\0\0",
                     10);
    ck_assert_int_eq(read_path(path, &fmt, msg, sizeof msg, &count), RC_EFORMAT);
    snprintf(want, sizeof want, "%s: error: binary data, not a form rollcheck reads", path);
    ck_assert_str_eq(msg, want);
    unlink(path);
    free(path);

    path = temp_file(model_json, strlen(model_json));
    ck_assert_int_eq(read_path(path, &fmt, msg, sizeof msg, &count), 0);
    ck_assert_int_eq(fmt, RC_FORMAT_MODEL_JSON);
    ck_assert_uint_eq(count, 1);
    unlink(path);
    free(path);
}
END_TEST

START_TEST(test_read_samples)
{
    const char *samples[] = {"samples/seed-000.json", "samples/seed-003.json"};
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
        char path[4096], msg[1024];
        snprintf(path, sizeof path, "%s/%s", RC_SOURCE_DIR, samples[i]);
        if (access(path, R_OK) != 0) continue; /* not written yet */
        rc_format fmt;
        size_t count;
        ck_assert_msg(read_path(path, &fmt, msg, sizeof msg, &count) == 0, "%s", msg);
        ck_assert_int_eq(fmt, RC_FORMAT_MODEL_JSON);
        ck_assert_uint_gt(count, 0);
    }
}
END_TEST

static Suite *read_suite(void)
{
    Suite *s = suite_create("read");
    TCase *tc = tcase_create("detect");
    tcase_add_test(tc, test_format_name);
    tcase_add_test(tc, test_detect_model_json);
    tcase_add_test(tc, test_detect_other_json);
    tcase_add_test(tc, test_detect_not_json);
    suite_add_tcase(s, tc);
    tc = tcase_create("bad input");
    tcase_add_test(tc, test_read_empty);
    tcase_add_test(tc, test_read_binary);
    tcase_add_test(tc, test_read_utf16);
    tcase_add_test(tc, test_read_unknown_text);
    tcase_add_test(tc, test_read_model_json_errors);
    suite_add_tcase(s, tc);
    tc = tcase_create("read");
    tcase_add_test(tc, test_read_buffer_ok);
    tcase_add_test(tc, test_read_file);
    tcase_add_test(tc, test_read_samples);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(read_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
