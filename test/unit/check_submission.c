/* Unit tests: full submission text files (src/read/submission.c). */
#include <check.h>
#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/read.h"
#include "common/util.h"
#include "read/submission.h"

#define AAPL RC_SOURCE_DIR "/test/data/aapl-20250329/"

static char *slurp(const char *path, size_t *len)
{
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    char *buf = NULL;
    int rc = rc_read_whole_file(path, (size_t)1 << 30, &buf, len, ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(ctx));
    rc_ctx_free(ctx);
    return buf;
}

static unsigned lines_in(const rc_buf *b)
{
    unsigned n = 0;
    for (size_t i = 0; i < b->len; i++)
        n += b->data[i] == '\n';
    return n;
}

/* Append a <DOCUMENT>; *doc_line gets the line of <DOCUMENT>, and the return value is
 * the number of lines before its content's first line (its "line0"). */
static unsigned add_part(rc_buf *b, const char *type, int seq, const char *filename,
                         const char *content, const char *wrapper, unsigned *doc_line)
{
    if (doc_line) *doc_line = lines_in(b) + 1;
    rc_buf_printf(b, "<DOCUMENT>\n<TYPE>%s\n<SEQUENCE>%d\n<FILENAME>%s\n", type, seq, filename);
    rc_buf_puts(b, "<DESCRIPTION>IDEA: XBRL DOCUMENT\n<TEXT>\n");
    if (wrapper) rc_buf_printf(b, "<%s>\n", wrapper);
    unsigned line0 = lines_in(b);
    rc_buf_puts(b, content);
    if (b->len && b->data[b->len - 1] != '\n') rc_buf_putc(b, '\n');
    if (wrapper) rc_buf_printf(b, "</%s>\n", wrapper);
    rc_buf_puts(b, "</TEXT>\n</DOCUMENT>\n");
    return line0;
}

static const char *summary_xml =
    "<?xml version='1.0' encoding='utf-8'?>\n"
    "<FilingSummary>\n"
    "  <Version>3.25.1</Version>\n"
    "  <MyReports>\n"
    "    <Report instance=\"abc-20250329.htm\">\n"
    "      <IsDefault>false</IsDefault>\n"
    "      <HtmlFileName>R2.htm</HtmlFileName>\n"
    "      <LongName>9954471 - Disclosure - Condensed Consolidated Financial Statement Details "
    "- Inventories (Details)</LongName>\n"
    "      <ReportType>Sheet</ReportType>\n"
    "      <ShortName>Condensed Consolidated Financial Statement Details - Inventories "
    "(Details)</ShortName>\n"
    "      <MenuCategory>Details</MenuCategory>\n"
    "      <Position>2</Position>\n"
    "    </Report>\n"
    "    <Report instance=\"abc-20250329.htm\">\n"
    "      <IsDefault>false</IsDefault>\n"
    "      <HtmlFileName>R4.htm</HtmlFileName>\n"
    "      <LongName>9954475 - Disclosure - Share-Based Compensation - Restricted Stock Unit "
    "Activity and Related Information (Details)</LongName>\n"
    "      <ReportType>Sheet</ReportType>\n"
    "      <ShortName>Share-Based Compensation - Restricted Stock Unit Activity and Related "
    "Information (Details)</ShortName>\n"
    "      <MenuCategory>Details</MenuCategory>\n"
    "      <Position>4</Position>\n"
    "    </Report>\n"
    "    <Report>\n"
    "      <LongName>All Reports</LongName>\n"
    "      <ReportType>Book</ReportType>\n"
    "      <ShortName>All Reports</ShortName>\n"
    "    </Report>\n"
    "  </MyReports>\n"
    "</FilingSummary>\n";

/*
 * A small submission, constructed for the tests (not a real filing): the SGML header,
 * an inline XBRL primary document, the instance EDGAR extracts from it, a pre-2019
 * style EX-101.INS, two R pages (Apple's R34 as R2.htm, not share-based; Apple's R38
 * as R4.htm, share-based), the FilingSummary.xml naming them, a uuencoded workbook.
 */
typedef struct small_sub {
    char *text;
    size_t len;
    unsigned inline_line, instance_line, ins_line, r2_line, r4_line, summary_line, xlsx_line;
    unsigned r4_line0, r9_line0, r9_line;
} small_sub;

static void build(small_sub *s, bool with_summary, bool with_broken_page)
{
    memset(s, 0, sizeof *s);
    size_t n34, n38;
    char *r34 = slurp(AAPL "R34.htm", &n34);
    char *r38 = slurp(AAPL "R38.htm", &n38);
    rc_buf b = RC_BUF_INIT;
    rc_buf_puts(&b, "<SEC-DOCUMENT>0000999999-25-000001.txt : 20250502\n"
                    "<SEC-HEADER>0000999999-25-000001.hdr.sgml : 20250502\n"
                    "<ACCEPTANCE-DATETIME>20250501180000\n"
                    "ACCESSION NUMBER:\t\t0000999999-25-000001\n"
                    "CONFORMED SUBMISSION TYPE:\t10-Q\n"
                    "PUBLIC DOCUMENT COUNT:\t\t7\n"
                    "</SEC-HEADER>\n");
    add_part(&b, "10-Q", 1, "abc-20250329.htm",
             "<?xml version='1.0' encoding='ASCII'?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
             "xmlns:ix=\"http://www.xbrl.org/2013/inlineXBRL\"><head><title>abc</title></head>"
             "<body><p>Quarterly report</p></body></html>",
             "XBRL", &s->inline_line);
    add_part(&b, "XML", 2, "abc-20250329_htm.xml",
             "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xbrl "
             "xmlns=\"http://www.xbrl.org/2003/instance\"></xbrl>",
             "XBRL", &s->instance_line);
    add_part(&b, "EX-101.INS", 3, "abc-20150331.xml", "<xbrli:xbrl></xbrli:xbrl>", "XBRL",
             &s->ins_line);
    add_part(&b, "XML", 4, "R2.htm", r34, NULL, &s->r2_line);
    s->r4_line0 = add_part(&b, "XML", 5, "R4.htm", r38, NULL, &s->r4_line);
    if (with_broken_page) {
        /* an R page cut short inside its report table */
        char *cut = strstr(r38, "RSUs vested");
        ck_assert_ptr_nonnull(cut);
        *cut = '\0';
        s->r9_line0 = add_part(&b, "XML", 9, "R9.htm", r38, NULL, &s->r9_line);
    }
    if (with_summary)
        add_part(&b, "XML", 6, "FilingSummary.xml", summary_xml, "XBRL", &s->summary_line);
    add_part(&b, "EXCEL", 7, "Financial_Report.xlsx",
             "begin 644 Financial_Report.xlsx\nM4$L#!!0````(`!````\n`\nend", NULL, &s->xlsx_line);
    rc_buf_puts(&b, "</SEC-DOCUMENT>\n");
    ck_assert(!b.failed);
    s->len = b.len;
    s->text = rc_buf_take(&b);
    free(r34);
    free(r38);
}

/* ---- splitting ------------------------------------------------------------------------ */

START_TEST(test_split)
{
    small_sub s;
    build(&s, true, false);
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_submission *sub = NULL;
    ck_assert_int_eq(rc_submission_split("small.txt", s.text, s.len, &sub, ctx), 0);
    ck_assert_uint_eq(sub->nparts, 7);
    const char *names[] = {
        "abc-20250329.htm", "abc-20250329_htm.xml", "abc-20150331.xml",     "R2.htm",
        "R4.htm",           "FilingSummary.xml",    "Financial_Report.xlsx"};
    const char *types[] = {"10-Q", "XML", "EX-101.INS", "XML", "XML", "XML", "EXCEL"};
    for (size_t i = 0; i < 7; i++) {
        ck_assert_str_eq(sub->parts[i].filename, names[i]);
        ck_assert_str_eq(sub->parts[i].type, types[i]);
        ck_assert_str_eq(sub->parts[i].description, "IDEA: XBRL DOCUMENT");
        ck_assert_int_eq(sub->parts[i].uuencoded, i == 6);
    }
    ck_assert_int_eq(sub->parts[4].sequence, 5);
    ck_assert_uint_eq(sub->parts[0].line, 8);
    ck_assert_uint_eq(sub->parts[4].line, s.r4_line);
    ck_assert_uint_eq(sub->parts[5].line, s.summary_line);
    /* the R page: from its first line, with the lines before it */
    const rc_sub_part *p = &sub->parts[4];
    ck_assert_int_eq(strncmp(s.text + p->off, "<html>", 6), 0);
    ck_assert_uint_eq(p->line0, s.r4_line0);
    ck_assert_int_eq(strncmp(s.text + p->off + p->len - 8, "</html>\n", 8), 0);
    /* the <XBRL> wrapper is not content: the XML declaration comes first */
    p = &sub->parts[5];
    ck_assert_int_eq(strncmp(s.text + p->off, "<?xml", 5), 0);
    ck_assert_int_eq(strncmp(s.text + p->off + p->len - 17, "</FilingSummary>\n", 17), 0);
    ck_assert_uint_eq(p->line0, s.summary_line + 6);
    rc_submission_free(sub);
    rc_ctx_free(ctx);
    free(s.text);
}
END_TEST

static void split_fails(const char *text, const char *msg)
{
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_submission *sub = (rc_submission *)1;
    ck_assert_int_eq(rc_submission_split("bad.txt", text, strlen(text), &sub, ctx), RC_ESYNTAX);
    ck_assert_ptr_null(sub);
    ck_assert_str_eq(rc_ctx_error(ctx), msg);
    /* rc_read_buffer says the same */
    rc_model *model;
    rc_vocab *vocab;
    ck_assert_int_eq(rc_model_new(&model), 0);
    ck_assert_int_eq(rc_vocab_new(&vocab), 0);
    rc_format format;
    ck_assert_int_eq(rc_read_buffer(model, vocab, "bad.txt", text, strlen(text), &format, ctx),
                     RC_ESYNTAX);
    ck_assert_int_eq(format, RC_FORMAT_SUBMISSION);
    ck_assert_str_eq(rc_ctx_error(ctx), msg);
    ck_assert_uint_eq(rc_model_note_count(model), 0);
    rc_vocab_free(vocab);
    rc_model_free(model);
    rc_ctx_free(ctx);
}

START_TEST(test_malformed)
{
    split_fails("<SEC-DOCUMENT>x.txt : 20250502\n<SEC-HEADER>x\nACCESSION NUMBER: 1\n"
                "</SEC-HEADER>\n</SEC-DOCUMENT>\n",
                "bad.txt:1:1: error: malformed submission: no <DOCUMENT> part in 5 lines");
    split_fails("<SEC-HEADER>x\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>XML\n<SEQUENCE>1\n"
                "<FILENAME>R1.htm\n<TEXT>\n<html>\n<table class=\"report\">\n",
                "bad.txt:7:1: error: malformed submission: the <TEXT> of 'R1.htm' is not "
                "closed by </TEXT> (is the file cut short?)");
    split_fails("<SEC-HEADER>x\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>XML\n<TEXT>\nabc\n",
                "bad.txt:5:1: error: malformed submission: the <TEXT> of the document at line "
                "3 is not closed by </TEXT> (is the file cut short?)");
    split_fails("<SEC-HEADER>x\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>XML\n<FILENAME>R1.htm\n"
                "</DOCUMENT>\n",
                "bad.txt:3:1: error: malformed submission: <DOCUMENT> 'R1.htm' has no <TEXT>");
    split_fails("<SEC-HEADER>x\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>XML\n<TEXT>\nabc\n</TEXT>\n"
                "<DOCUMENT>\n",
                "bad.txt:8:1: error: malformed submission: </DOCUMENT> expected after the "
                "</TEXT> of the document at line 3");
}
END_TEST

START_TEST(test_detect)
{
    small_sub s;
    build(&s, true, false);
    ck_assert_int_eq(rc_detect_format(s.text, s.len), RC_FORMAT_SUBMISSION);
    ck_assert(rc_submission_detect(s.text, s.len));
    ck_assert(!rc_submission_single_document(s.text, s.len));
    free(s.text);
    /* from its first <DOCUMENT> on (no SEC header) */
    const char *t = "<DOCUMENT>\n<TYPE>10-K\n<TEXT>\nx\n</TEXT>\n</DOCUMENT>\n<DOCUMENT>\n"
                    "<TYPE>XML\n<TEXT>\ny\n</TEXT>\n</DOCUMENT>\n";
    ck_assert_int_eq(rc_detect_format(t, strlen(t)), RC_FORMAT_SUBMISSION);
    /* one R page in its envelope is an R page */
    size_t n;
    char *r38 = slurp(AAPL "R38.htm", &n);
    rc_buf b = RC_BUF_INIT;
    add_part(&b, "XML", 38, "R38.htm", r38, NULL, NULL);
    ck_assert_int_eq(rc_detect_format(b.data, b.len), RC_FORMAT_R_HTML);
    ck_assert(rc_submission_single_document(b.data, b.len));
    rc_buf_free(&b);
    free(r38);
    t = "<DOCUMENT>XML\n";
    ck_assert(!rc_submission_detect(t, strlen(t)));
    t = "Hello <SEC-DOCUMENT>";
    ck_assert(!rc_submission_detect(t, strlen(t)));
}
END_TEST

/* ---- reading ------------------------------------------------------------------------ */

static bool has_note(const rc_model *model, unsigned line, const char *text)
{
    for (size_t i = 0; i < rc_model_note_count(model); i++) {
        const rc_note *n = rc_model_note(model, i);
        if (n->src.line == line && strcmp(n->text, text) == 0 &&
            strcmp(n->src.file, "small.txt") == 0)
            return true;
    }
    return false;
}

static void print_notes(const rc_model *model)
{
    for (size_t i = 0; i < rc_model_note_count(model); i++) {
        const rc_note *n = rc_model_note(model, i);
        fprintf(stderr, "note %s:%u: %s\n", n->src.file, n->src.line, n->text);
    }
}

static rc_vocab *load_vocab(void)
{
    rc_ctx *ctx;
    rc_vocab *vocab;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_eq(rc_vocab_new(&vocab), 0);
    int rc = rc_vocab_load_dir(vocab, RC_SOURCE_DIR "/rules", ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(ctx));
    rc_ctx_free(ctx);
    return vocab;
}

/* The fact whose text is `text`, or NULL. */
static const rc_fact *fact_shown(const rc_model *model, const char *text)
{
    for (size_t i = 0; i < rc_model_fact_count(model); i++)
        if (rc_model_fact(model, i)->text && strcmp(rc_model_fact(model, i)->text, text) == 0)
            return rc_model_fact(model, i);
    return NULL;
}

START_TEST(test_read_with_summary)
{
    small_sub s;
    build(&s, true, false);
    rc_vocab *vocab = load_vocab();
    rc_ctx *ctx;
    rc_model *model;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_eq(rc_model_new(&model), 0);
    rc_format format;
    int rc = rc_read_buffer(model, vocab, "small.txt", s.text, s.len, &format, ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(ctx));
    ck_assert_int_eq(format, RC_FORMAT_SUBMISSION);
    bool ok =
        has_note(model, s.inline_line,
                 "abc-20250329.htm: inline XBRL document not read: abc-20250329_htm.xml holds "
                 "the same facts") &&
        has_note(model, s.instance_line,
                 "abc-20250329_htm.xml: XBRL instance read: it holds no share-based payment "
                 "facts; reading the R pages") &&
        has_note(model, s.ins_line,
                 "abc-20150331.xml: XBRL instance not read: abc-20250329_htm.xml holds the same "
                 "facts") &&
        has_note(model, s.xlsx_line, "Financial_Report.xlsx: a uuencoded EXCEL part, skipped") &&
        has_note(model, s.summary_line,
                 "read the 1 R page that FilingSummary.xml names as share-based payment pages "
                 "(R4.htm); 1 other R page skipped");
    if (!ok) print_notes(model);
    ck_assert(ok);
    /* only R4.htm was read: its figures, at lines of the .txt */
    ck_assert_uint_gt(rc_model_fact_count(model), 0);
    for (size_t i = 0; i < rc_model_fact_count(model); i++) {
        const rc_fact *f = rc_model_fact(model, i);
        ck_assert_str_eq(f->src.file, "small.txt");
        ck_assert_uint_gt(f->src.line, s.r4_line0);
        ck_assert_uint_lt(f->src.line, s.summary_line);
    }
    ck_assert_ptr_null(fact_shown(model, "2,673")); /* R2.htm's inventories */
    const rc_fact *vested = fact_shown(model, "(39,177)");
    ck_assert_ptr_nonnull(vested);
    ck_assert_uint_eq(vested->src.line, s.r4_line0 + 40); /* line 40 of R38.htm */
    ck_assert_int_eq(rc_model_finish(model, ctx), 0);
    ck_assert_uint_eq(rc_model_count_rollforwards(model, "small.txt"), 1);
    rc_model_free(model);
    rc_ctx_free(ctx);
    rc_vocab_free(vocab);
    free(s.text);
}
END_TEST

START_TEST(test_read_without_summary)
{
    small_sub s;
    build(&s, false, true);
    rc_vocab *vocab = load_vocab();
    rc_ctx *ctx;
    rc_model *model;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_eq(rc_model_new(&model), 0);
    int rc = rc_read_buffer(model, vocab, "small.txt", s.text, s.len, NULL, ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(ctx));
    /* every R page is read: R2.htm's inventories are there too */
    ck_assert_ptr_nonnull(fact_shown(model, "2,673"));
    ck_assert_ptr_nonnull(fact_shown(model, "(39,177)"));
    /* the page cut short says so, and gave nothing */
    char want[300];
    snprintf(want, sizeof want,
             "R9.htm: not read: small.txt:%u: error: the page ends inside its report table (is "
             "the file cut short?)",
             s.r9_line0 + 39); /* it ends in line 39 of R38.htm */
    bool ok = has_note(model, s.r9_line, want);
    if (!ok) print_notes(model);
    ck_assert_msg(ok, "no note '%s'", want);
    for (size_t i = 0; i < rc_model_fact_count(model); i++)
        ck_assert_uint_lt(rc_model_fact(model, i)->src.line, s.r9_line0);
    ok = false;
    for (size_t i = 0; i < rc_model_note_count(model); i++)
        ok |= strcmp(rc_model_note(model, i)->text,
                     "no FilingSummary.xml to say which R pages are share-based payment pages: "
                     "read all 3") == 0;
    if (!ok) print_notes(model);
    ck_assert(ok);
    rc_model_free(model);
    rc_ctx_free(ctx);
    rc_vocab_free(vocab);
    free(s.text);
}
END_TEST

START_TEST(test_no_r_pages)
{
    const char *t = "<SEC-DOCUMENT>x\n<SEC-HEADER>x\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>8-K\n"
                    "<FILENAME>x8k.htm\n<TEXT>\n<html><body>Press release</body></html>\n"
                    "</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n";
    rc_vocab *vocab = load_vocab();
    rc_ctx *ctx;
    rc_model *model;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_eq(rc_model_new(&model), 0);
    ck_assert_int_eq(rc_read_buffer(model, vocab, "small.txt", t, strlen(t), NULL, ctx), 0);
    ck_assert_uint_eq(rc_model_note_count(model), 1);
    ck_assert(has_note(model, 1,
                       "no R pages in this submission (a filing without XBRL, or from before "
                       "EDGAR rendered them)"));
    ck_assert_uint_eq(rc_model_fact_count(model), 0);
    rc_model_free(model);
    rc_ctx_free(ctx);
    rc_vocab_free(vocab);
}
END_TEST

static Suite *submission_suite(void)
{
    Suite *s = suite_create("submission");
    TCase *tc = tcase_create("split");
    tcase_add_test(tc, test_split);
    tcase_add_test(tc, test_malformed);
    tcase_add_test(tc, test_detect);
    suite_add_tcase(s, tc);
    tc = tcase_create("read");
    tcase_add_test(tc, test_read_with_summary);
    tcase_add_test(tc, test_read_without_summary);
    tcase_add_test(tc, test_no_r_pages);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(submission_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
