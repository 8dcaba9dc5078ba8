/* Unit tests: the XBRL instance reader (rc_xbrl_read_instance). */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rollcheck/common.h"
#include "common/util.h"
#include "read/xbrl.h"

#define XSI "http://www.w3.org/2001/XMLSchema-instance"

/* A document read into a fresh list: the caller clears the list (and the context). */
typedef struct read {
    rc_xfacts list;
    rc_ctx *ctx;
    int rc;
} doc_read;

static doc_read read_doc(const char *doc, unsigned line0)
{
    doc_read r;
    ck_assert_int_eq(rc_ctx_new(&r.ctx), RC_OK);
    ck_assert_int_eq(rc_xfacts_init(&r.list, "t.xml"), RC_OK);
    r.rc = rc_xbrl_read_instance(&r.list, "t.xml", doc, strlen(doc), line0, r.ctx);
    return r;
}

static doc_read read_ok(const char *doc)
{
    doc_read r = read_doc(doc, 0);
    ck_assert_msg(r.rc == RC_OK, "read failed (%d): %s", r.rc, rc_ctx_error(r.ctx));
    return r;
}

static void done_with(doc_read *r)
{
    rc_xfacts_clear(&r->list);
    rc_ctx_free(r->ctx);
}

static const rc_xfact *by_id(const doc_read *r, const char *id)
{
    for (size_t i = 0; i < r->list.n; i++)
        if (r->list.items[i].id && strcmp(r->list.items[i].id, id) == 0) return &r->list.items[i];
    ck_abort_msg("no fact with id %s", id);
    return NULL;
}

/* Line and column of the first occurrence of needle in doc. */
static void where(const char *doc, const char *needle, unsigned *line, unsigned *col)
{
    const char *at = strstr(doc, needle);
    ck_assert_msg(at != NULL, "'%s' not in the document", needle);
    rc_line_col(doc, strlen(doc), (size_t)(at - doc), line, col);
}

static rc_day day(int y, int m, int d)
{
    return rc_day_from_ymd(y, m, d);
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" ROOT_OPEN

#define ROOT_OPEN                                                                                  \
    "<xbrli:xbrl xmlns:xbrli=\"http://www.xbrl.org/2003/instance\"\n"                              \
    "  xmlns:gaap=\"http://fasb.org/us-gaap/2023\" "                                               \
    "xmlns:iso=\"http://www.xbrl.org/2003/iso4217\"\n"                                             \
    "  xmlns:dim=\"http://xbrl.org/2006/xbrldi\" xmlns:abc=\"http://example.com/abc/20231231\"\n"  \
    "  xmlns:link=\"http://www.xbrl.org/2003/linkbase\" "                                          \
    "xmlns:xlink=\"http://www.w3.org/1999/xlink\"\n"                                               \
    "  xmlns:i=\"" XSI "\">\n"

#define ENTITY                                                                                     \
    "<xbrli:entity><xbrli:identifier scheme=\"http://www.sec.gov/CIK\">0000123456"                 \
    "</xbrli:identifier></xbrli:entity>"

#define CONTEXT_D2023                                                                              \
    "<xbrli:context id=\"d2023\">" ENTITY                                                          \
    "<xbrli:period><xbrli:startDate>2023-01-01</xbrli:startDate>"                                  \
    "<xbrli:endDate>2023-12-31</xbrli:endDate></xbrli:period></xbrli:context>\n"

#define UNIT_SHARES                                                                                \
    "<xbrli:unit id=\"shares\"><xbrli:measure>xbrli:shares</xbrli:measure></xbrli:unit>\n"

/* ---- contexts, units, facts ---------------------------------------------------------- */

static const char full_doc[] =
    HEAD "<link:schemaRef xlink:type=\"simple\" xlink:href=\"abc-20231231.xsd\"/>\n"
         "<link:roleRef roleURI=\"http://example.com/role/x\" xlink:type=\"simple\" "
         "xlink:href=\"abc-20231231.xsd#x\"/>\n" CONTEXT_D2023 "<xbrli:context id=\"i2023rsu\">\n"
         "  <xbrli:entity><xbrli:identifier scheme=\"http://www.sec.gov/CIK\">0000123456"
         "</xbrli:identifier>\n"
         "    <xbrli:segment><dim:explicitMember dimension=\"gaap:PlanNameAxis\">"
         "abc:Plan2017Member</dim:explicitMember></xbrli:segment></xbrli:entity>\n"
         "  <xbrli:period><xbrli:instant>2023-12-31</xbrli:instant></xbrli:period>\n"
         "  <xbrli:scenario><dim:explicitMember dimension=\"gaap:AwardTypeAxis\"> "
         "gaap:RestrictedStockUnitsRSUMember </dim:explicitMember>\n"
         "    <dim:typedMember dimension=\"abc:GrantAxis\"><abc:GrantDomain> G-17 "
         "</abc:GrantDomain></dim:typedMember></xbrli:scenario>\n"
         "</xbrli:context>\n" UNIT_SHARES
         "<xbrli:unit id=\"usdPerShare\"><xbrli:divide><xbrli:unitNumerator><xbrli:measure>"
         "iso:USD</xbrli:measure></xbrli:unitNumerator><xbrli:unitDenominator><xbrli:measure>"
         "xbrli:shares</xbrli:measure></xbrli:unitDenominator></xbrli:divide></xbrli:unit>\n"
         "<xbrli:unit id=\"product\"><xbrli:measure>xbrli:shares</xbrli:measure>"
         "<xbrli:measure>iso:USD</xbrli:measure></xbrli:unit>\n"
         "<gaap:ShareBasedCompensationArrangementByShareBasedPaymentAwardEquityInstruments"
         "OtherThanOptionsNonvestedNumber\n"
         "    contextRef=\"i2023rsu\" unitRef=\"shares\" decimals=\"-3\"\n"
         "    id=\"f1\">1500000</gaap:ShareBasedCompensationArrangementByShareBasedPaymentAward"
         "EquityInstrumentsOtherThanOptionsNonvestedNumber>\n"
         "<gaap:Price contextRef=\"d2023\" unitRef=\"usdPerShare\" decimals=\"INF\" id=\"f2\"> "
         "40.25\n</gaap:Price>\n"
         "<gaap:Exact contextRef=\"d2023\" unitRef=\"shares\" precision=\"INF\" id=\"f3\">7"
         "</gaap:Exact>\n"
         "<gaap:Precise contextRef=\"d2023\" unitRef=\"shares\" precision=\"3\" id=\"f4\">12300"
         "</gaap:Precise>\n"
         "<gaap:Nothing contextRef=\"d2023\" unitRef=\"shares\" i:nil=\"true\" id=\"f5\"/>\n"
         "<gaap:RemainingTerm contextRef=\"i2023rsu\" id=\"f6\"> P6Y2M </gaap:RemainingTerm>\n"
         "<gaap:Product contextRef=\"d2023\" unitRef=\"product\" decimals=\"0\" id=\"f7\">3"
         "</gaap:Product>\n"
         "<gaap:Negative contextRef=\"d2023\" unitRef=\"shares\" decimals=\"0\" id=\"f8\">-1.50E3"
         "</gaap:Negative>\n"
         "<link:footnoteLink xlink:type=\"extended\" xlink:role=\"http://www.xbrl.org/2003/role/"
         "link\"><link:loc xlink:type=\"locator\" xlink:href=\"#f1\" xlink:label=\"f1\"/>"
         "<link:footnote xlink:type=\"resource\" xlink:label=\"n\" "
         "xlink:role=\"http://www.xbrl.org/2003/role/footnote\">Not a fact</link:footnote>"
         "<link:footnoteArc xlink:type=\"arc\" xlink:from=\"f1\" xlink:to=\"n\" "
         "xlink:arcrole=\"http://www.xbrl.org/2003/arcrole/fact-footnote\"/></link:footnoteLink>\n"
         "</xbrli:xbrl>\n";

START_TEST(test_contexts_and_dimensions)
{
    doc_read r = read_ok(full_doc);
    ck_assert_uint_eq(r.list.n, 8); /* the footnote is no fact */
    ck_assert_uint_eq(r.list.nnotes, 0);
    const rc_xfact *f = by_id(&r, "f1");
    ck_assert_str_eq(f->concept, "us-gaap:ShareBasedCompensationArrangementByShareBasedPayment"
                                 "AwardEquityInstrumentsOtherThanOptionsNonvestedNumber");
    ck_assert_str_eq(f->entity, "http://www.sec.gov/CIK 0000123456");
    ck_assert_int_eq(f->start, RC_NO_DATE);
    ck_assert_int_eq(f->end, day(2023, 12, 31));
    /* segment and scenario together, sorted by axis, prefixes made canonical */
    ck_assert_uint_eq(f->ndims, 3);
    ck_assert_str_eq(f->dims[0].axis, "abc:GrantAxis");
    ck_assert_str_eq(f->dims[0].member, "G-17");
    ck_assert(f->dims[0].typed);
    ck_assert_str_eq(f->dims[1].axis, "us-gaap:AwardTypeAxis");
    ck_assert_str_eq(f->dims[1].member, "us-gaap:RestrictedStockUnitsRSUMember");
    ck_assert(!f->dims[1].typed);
    ck_assert_str_eq(f->dims[2].axis, "us-gaap:PlanNameAxis");
    ck_assert_str_eq(f->dims[2].member, "abc:Plan2017Member");
    f = by_id(&r, "f2");
    ck_assert_int_eq(f->start, day(2023, 1, 1));
    ck_assert_int_eq(f->end, day(2023, 12, 31));
    ck_assert_uint_eq(f->ndims, 0);
    done_with(&r);
}
END_TEST

START_TEST(test_units_values_accuracy)
{
    doc_read r = read_ok(full_doc);
    const rc_xfact *f = by_id(&r, "f1");
    ck_assert(f->numeric && !f->nil);
    ck_assert_str_eq(f->unit_num, "xbrli:shares");
    ck_assert_ptr_null(f->unit_den);
    ck_assert_str_eq(f->value, "1500000");
    ck_assert_int_eq(f->decimals, -3);
    ck_assert_int_eq(f->shown, RC_DECIMALS_INF);
    f = by_id(&r, "f2");
    ck_assert_str_eq(f->unit_num, "iso4217:USD");
    ck_assert_str_eq(f->unit_den, "xbrli:shares");
    ck_assert_str_eq(f->value, "40.25"); /* trimmed, as written */
    ck_assert_int_eq(f->decimals, RC_DECIMALS_INF);
    ck_assert_int_eq(by_id(&r, "f3")->decimals, RC_DECIMALS_INF);    /* precision INF */
    ck_assert_int_eq(by_id(&r, "f4")->decimals, RC_XDECIMALS_UNSET); /* precision 3 */
    f = by_id(&r, "f5");
    ck_assert(f->nil && f->numeric);
    ck_assert_ptr_null(f->value);
    f = by_id(&r, "f6");
    ck_assert(!f->numeric);
    ck_assert_str_eq(f->value, "P6Y2M");
    ck_assert_ptr_null(f->unit_num);
    ck_assert_int_eq(f->decimals, RC_XDECIMALS_UNSET);
    ck_assert_str_eq(by_id(&r, "f7")->unit_num, "iso4217:USD*xbrli:shares");
    ck_assert_str_eq(by_id(&r, "f8")->value, "-1.50E3");
    done_with(&r);
}
END_TEST

START_TEST(test_locations)
{
    doc_read r = read_doc(full_doc, 100);
    ck_assert_int_eq(r.rc, RC_OK);
    unsigned line, col;
    /* a start tag over three lines: the place of its "<" */
    where(full_doc, "<gaap:ShareBasedCompensation", &line, &col);
    const rc_xfact *f = by_id(&r, "f1");
    ck_assert_uint_eq(f->src.line, 100 + line);
    ck_assert_uint_eq(f->src.col, col);
    ck_assert_str_eq(f->src.id, "f1");
    ck_assert_str_eq(f->src.file, "t.xml");
    where(full_doc, "<gaap:Nothing", &line, &col);
    ck_assert_uint_eq(by_id(&r, "f5")->src.line, 100 + line);
    done_with(&r);
}
END_TEST

START_TEST(test_periods)
{
    static const char doc[] = HEAD
        "<xbrli:context id=\"midnight\">" ENTITY
        "<xbrli:period><xbrli:instant>2023-01-01T00:00:00</xbrli:instant></xbrli:period>"
        "</xbrli:context>\n"
        "<xbrli:context id=\"times\">" ENTITY
        "<xbrli:period><xbrli:startDate>2023-01-01T00:00:00</xbrli:startDate>"
        "<xbrli:endDate>2024-01-01T00:00:00Z</xbrli:endDate></xbrli:period>"
        "</xbrli:context>\n"
        "<xbrli:context id=\"forever\">" ENTITY
        "<xbrli:period><xbrli:forever/></xbrli:period></xbrli:context>\n"
        "<xbrli:context id=\"bad\">" ENTITY
        "<xbrli:period><xbrli:instant>2023-02-30</xbrli:instant></xbrli:period>"
        "</xbrli:context>\n" UNIT_SHARES
        "<gaap:A contextRef=\"midnight\" unitRef=\"shares\" decimals=\"0\" id=\"a\">1</gaap:A>\n"
        "<gaap:B contextRef=\"times\" unitRef=\"shares\" decimals=\"0\" id=\"b\">1</gaap:B>\n"
        "<gaap:C contextRef=\"forever\" id=\"c\">x</gaap:C>\n"
        "<gaap:D contextRef=\"bad\" unitRef=\"shares\" decimals=\"0\" id=\"d\">1</gaap:D>\n"
        "</xbrli:xbrl>\n";
    doc_read r = read_ok(doc);
    /* a midnight instant is the end of the day before */
    ck_assert_int_eq(by_id(&r, "a")->start, RC_NO_DATE);
    ck_assert_int_eq(by_id(&r, "a")->end, day(2022, 12, 31));
    ck_assert_int_eq(by_id(&r, "b")->start, day(2023, 1, 1));
    ck_assert_int_eq(by_id(&r, "b")->end, day(2023, 12, 31));
    ck_assert_int_eq(by_id(&r, "c")->start, RC_NO_DATE);
    ck_assert_int_eq(by_id(&r, "c")->end, RC_NO_DATE);
    /* the fact of a context without a real date is left out, with a note */
    ck_assert_uint_eq(r.list.n, 3);
    ck_assert_uint_eq(r.list.nnotes, 1);
    ck_assert_ptr_nonnull(strstr(r.list.notes->text, "us-gaap:D"));
    ck_assert_ptr_nonnull(strstr(r.list.notes->text, "'bad'"));
    ck_assert_str_eq(r.list.notes->src.id, "d");
    done_with(&r);
}
END_TEST

/* ---- document shapes ---------------------------------------------------------------- */

START_TEST(test_prefixless)
{
    static const char doc[] =
        "<xbrl xmlns=\"http://www.xbrl.org/2003/instance\" "
        "xmlns:us-gaap=\"http://fasb.org/us-gaap/2023\" "
        "xmlns:xbrldi=\"http://xbrl.org/2006/xbrldi\">\n"
        "<context id=\"c\"><entity><identifier scheme=\"http://www.sec.gov/CIK\">1</identifier>"
        "<segment><xbrldi:explicitMember dimension=\"us-gaap:AwardTypeAxis\">"
        "us-gaap:EmployeeStockOptionMember</xbrldi:explicitMember></segment></entity>"
        "<period><instant>2023-12-31</instant></period></context>\n"
        "<unit id=\"u\"><measure>shares</measure></unit>\n"
        "<us-gaap:X contextRef=\"c\" unitRef=\"u\" decimals=\"0\" id=\"x\">5</us-gaap:X>\n"
        "</xbrl>\n";
    doc_read r = read_ok(doc);
    ck_assert_uint_eq(r.list.n, 1);
    /* an unprefixed measure is in the default namespace, here the instance's */
    ck_assert_str_eq(by_id(&r, "x")->unit_num, "xbrli:shares");
    ck_assert_str_eq(by_id(&r, "x")->entity, "http://www.sec.gov/CIK 1");
    ck_assert_str_eq(by_id(&r, "x")->dims[0].member, "us-gaap:EmployeeStockOptionMember");
    done_with(&r);
}
END_TEST

/* Facts in the default namespace get the prefix their namespace has elsewhere. */
static void default_namespace_gives(const char *ns_decls, const char *want)
{
    char doc[2048];
    snprintf(doc, sizeof doc,
             "<xbrli:xbrl xmlns:xbrli=\"http://www.xbrl.org/2003/instance\" %s>\n"
             "<xbrli:context id=\"c\">" ENTITY
             "<xbrli:period><xbrli:instant>2023-12-31</xbrli:instant></xbrli:period>"
             "</xbrli:context>\n"
             "<Foo contextRef=\"c\" id=\"x\">a</Foo>\n</xbrli:xbrl>\n",
             ns_decls);
    doc_read r = read_ok(doc);
    ck_assert_uint_eq(r.list.n, 1);
    ck_assert_str_eq(by_id(&r, "x")->concept, want);
    done_with(&r);
}

START_TEST(test_default_namespace_facts)
{
    default_namespace_gives("xmlns=\"http://fasb.org/us-gaap/2022\"", "us-gaap:Foo");
    default_namespace_gives("xmlns=\"http://example.com/abc\" xmlns:abc=\"http://example.com/abc\"",
                            "abc:Foo");
    default_namespace_gives("xmlns=\"http://example.com/def\"", "ext:Foo");
}
END_TEST

START_TEST(test_tuples_and_order)
{
    /* facts before their context and unit, and inside tuples */
    static const char doc[] = HEAD
        "<abc:Grants><abc:Grant>\n"
        "<gaap:X contextRef=\"d2023\" unitRef=\"shares\" decimals=\"0\" id=\"inner\">5</gaap:X>\n"
        "<abc:Note contextRef=\"d2023\" id=\"text\">granted in May</abc:Note>\n"
        "</abc:Grant></abc:Grants>\n"
        "<gaap:Y contextRef=\"d2023\" unitRef=\"shares\" decimals=\"0\" "
        "id=\"early\">6</gaap:Y>\n" CONTEXT_D2023 UNIT_SHARES "</xbrli:xbrl>\n";
    doc_read r = read_ok(doc);
    ck_assert_uint_eq(r.list.n, 3);
    ck_assert_str_eq(r.list.items[0].id, "inner"); /* document order */
    ck_assert_str_eq(by_id(&r, "inner")->value, "5");
    ck_assert_str_eq(by_id(&r, "inner")->unit_num, "xbrli:shares");
    ck_assert_str_eq(by_id(&r, "text")->value, "granted in May");
    ck_assert_str_eq(by_id(&r, "text")->concept, "abc:Note");
    ck_assert_int_eq(by_id(&r, "early")->end, day(2023, 12, 31));
    done_with(&r);
}
END_TEST

START_TEST(test_leading_blank_lines)
{
    static const char doc[] =
        "\n\n   \t\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<xbrli:xbrl xmlns:xbrli=\"http://www.xbrl.org/2003/instance\" "
        "xmlns:gaap=\"http://fasb.org/us-gaap/2023\">\n" CONTEXT_D2023 UNIT_SHARES
        "<gaap:X contextRef=\"d2023\" unitRef=\"shares\" decimals=\"0\" id=\"x\">5</gaap:X>\n"
        "</xbrli:xbrl>\n";
    doc_read r = read_doc(doc, 7);
    ck_assert_msg(r.rc == RC_OK, "%s", rc_ctx_error(r.ctx));
    unsigned line, col;
    where(doc, "<gaap:X", &line, &col);
    ck_assert_uint_eq(by_id(&r, "x")->src.line, 7 + line);
    ck_assert_uint_eq(by_id(&r, "x")->src.col, 1);
    done_with(&r);
    /* and a byte order mark before them */
    char bom[sizeof doc + 3] = "\xef\xbb\xbf";
    strcat(bom, doc);
    r = read_doc(bom, 0);
    ck_assert_msg(r.rc == RC_OK, "%s", rc_ctx_error(r.ctx));
    ck_assert_uint_eq(r.list.n, 1);
    done_with(&r);
}
END_TEST

START_TEST(test_unreadable_facts_are_noted)
{
    static const char doc[] = HEAD CONTEXT_D2023 UNIT_SHARES
        "<gaap:NoContext contextRef=\"nowhere\" unitRef=\"shares\" decimals=\"0\" id=\"a\">1"
        "</gaap:NoContext>\n"
        "<gaap:NoUnit contextRef=\"d2023\" unitRef=\"nounit\" decimals=\"0\" "
        "id=\"b\">1</gaap:NoUnit>\n"
        "<gaap:NotANumber contextRef=\"d2023\" unitRef=\"shares\" decimals=\"0\" id=\"c\">1,500"
        "</gaap:NotANumber>\n"
        "<gaap:BadDecimals contextRef=\"d2023\" unitRef=\"shares\" decimals=\"two\" id=\"d\">1"
        "</gaap:BadDecimals>\n"
        "<gaap:Fraction contextRef=\"d2023\" unitRef=\"shares\" id=\"e\"><xbrli:numerator>1"
        "</xbrli:numerator><xbrli:denominator>3</xbrli:denominator></gaap:Fraction>\n"
        "<gaap:Fine contextRef=\"d2023\" unitRef=\"shares\" decimals=\"0\" id=\"f\">1</gaap:Fine>\n"
        "</xbrli:xbrl>\n";
    doc_read r = read_ok(doc);
    ck_assert_uint_eq(r.list.n, 1);
    ck_assert_str_eq(r.list.items[0].id, "f");
    ck_assert_uint_eq(r.list.nnotes, 5);
    const char *want[] = {"not a number", "decimals \"two\"", "fraction", "'nowhere' is not in",
                          "unit 'nounit' is not in"};
    const char *ids[] = {"c", "d", "e", "a", "b"};
    const rc_xnote *n = r.list.notes;
    for (size_t i = 0; i < 5; i++, n = n->next) {
        ck_assert_msg(strstr(n->text, want[i]), "note %zu: '%s' wants '%s'", i, n->text, want[i]);
        ck_assert_str_eq(n->src.id, ids[i]);
        unsigned line, col;
        char tag[64];
        snprintf(tag, sizeof tag, "id=\"%s\"", ids[i]);
        where(doc, tag, &line, &col);
        ck_assert_uint_eq(n->src.line, line);
    }
    done_with(&r);
}
END_TEST

/* ---- bad input ----------------------------------------------------------------------- */

static void refused(const char *doc, int code, const char *message_part)
{
    doc_read r = read_doc(doc, 0);
    ck_assert_msg(r.rc == code, "returned %d, want %d: %s", r.rc, code, rc_ctx_error(r.ctx));
    ck_assert_uint_eq(r.list.n, 0);
    const char *msg = rc_ctx_error(r.ctx);
    ck_assert_msg(strncmp(msg, "t.xml:", 6) == 0, "message '%s' does not name the file", msg);
    ck_assert_msg(strstr(msg, ": error: ") && strstr(msg, message_part),
                  "message '%s' does not say '%s'", msg, message_part);
    ck_assert_msg(!strchr(msg, '\n'), "message '%s' is more than a line", msg);
    done_with(&r);
}

START_TEST(test_malformed)
{
    refused(HEAD CONTEXT_D2023 "<gaap:X contextRef=\"d2023\">5</gaap:X>\n<gaap:Y contex",
            RC_ESYNTAX, "not well-formed XML");
    refused(HEAD "<gaap:X contextRef=\"d2023\"><b>5</gaap:X></b>\n</xbrli:xbrl>", RC_ESYNTAX,
            "not well-formed XML");
    refused("this is not XML at all", RC_ESYNTAX, "not well-formed XML");
    refused("", RC_ESYNTAX, "empty");
    refused("\n\n  \n", RC_ESYNTAX, "empty");
    refused("<html><body>hello</body></html>", RC_EFORMAT, "not an XBRL instance");
    /* the place of a nesting error is the line of the mismatched end tag */
    static const char nested[] =
        HEAD CONTEXT_D2023 "<gaap:X contextRef=\"d2023\">\n<b>5\n</gaap:X>\n";
    doc_read r = read_doc(nested, 0);
    ck_assert_int_eq(r.rc, RC_ESYNTAX);
    unsigned line, col;
    where(nested, "</gaap:X>", &line, &col);
    char want[32];
    snprintf(want, sizeof want, "t.xml:%u:", line);
    ck_assert_msg(strncmp(rc_ctx_error(r.ctx), want, strlen(want)) == 0, "'%s' wants '%s'",
                  rc_ctx_error(r.ctx), want);
    done_with(&r);
}
END_TEST

#define HEAD_BODY_FOR_XXE                                                                          \
    ROOT_OPEN CONTEXT_D2023 "<gaap:X contextRef=\"d2023\" id=\"x\">&e;</gaap:X>\n</xbrli:xbrl>\n"

/* A private directory with a file holding a marker no fact may ever show. */
static char secret_dir[64];
static char secret_path[128];

static void make_secret(void)
{
    strcpy(secret_dir, "/tmp/rc-xxe-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(secret_dir));
    snprintf(secret_path, sizeof secret_path, "%s/secret.txt", secret_dir);
    FILE *f = fopen(secret_path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("RC-SECRET-MARKER-4711", f);
    fclose(f);
}

static void remove_secret(void)
{
    char dtd[160];
    snprintf(dtd, sizeof dtd, "%s/evil.dtd", secret_dir);
    unlink(dtd);
    unlink(secret_path);
    rmdir(secret_dir);
}

static void assert_no_secret(const doc_read *r)
{
    ck_assert_ptr_null(strstr(rc_ctx_error(r->ctx), "RC-SECRET"));
    for (size_t i = 0; i < r->list.n; i++)
        ck_assert(!r->list.items[i].value || !strstr(r->list.items[i].value, "RC-SECRET"));
}

START_TEST(test_external_entity_not_read)
{
    make_secret();
    char doc[2048];
    /* an external entity declared in the document */
    snprintf(doc, sizeof doc,
             "<?xml version=\"1.0\"?>\n<!DOCTYPE xbrli:xbrl [<!ENTITY e SYSTEM "
             "\"file://%s\">]>\n" HEAD_BODY_FOR_XXE,
             secret_path);
    doc_read r = read_doc(doc, 0);
    ck_assert_msg(r.rc == RC_EFORMAT, "%d: %s", r.rc, rc_ctx_error(r.ctx));
    ck_assert_ptr_nonnull(strstr(rc_ctx_error(r.ctx), "entities are never expanded"));
    assert_no_secret(&r);
    done_with(&r);
    /* an external DTD that would declare it: never loaded, the reference stays unread */
    char dtd[160];
    snprintf(dtd, sizeof dtd, "%s/evil.dtd", secret_dir);
    FILE *f = fopen(dtd, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "<!ENTITY e SYSTEM \"file://%s\">\n", secret_path);
    fclose(f);
    snprintf(
        doc, sizeof doc,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE xbrli:xbrl SYSTEM \"file://%s\">\n" HEAD_BODY_FOR_XXE,
        dtd);
    r = read_doc(doc, 0);
    ck_assert_msg(r.rc < 0, "a reference to an undeclared entity was read");
    assert_no_secret(&r);
    done_with(&r);
    remove_secret();
}
END_TEST

START_TEST(test_entity_bomb_refused)
{
    static const char bomb[] =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE xbrli:xbrl [\n"
        "<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c "
        "\"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
        "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e "
        "\"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
        "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g "
        "\"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
        "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY i "
        "\"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">\n"
        "<!ENTITY j \"&i;&i;&i;&i;&i;&i;&i;&i;&i;&i;\">]>\n"
        "<xbrli:xbrl xmlns:xbrli=\"http://www.xbrl.org/2003/instance\" "
        "xmlns:gaap=\"http://fasb.org/us-gaap/2023\">\n" CONTEXT_D2023
        "<gaap:X contextRef=\"d2023\" id=\"&j;\">&j;&j;&j;</gaap:X>\n</xbrli:xbrl>\n";
    doc_read r = read_doc(bomb, 0);
    ck_assert_msg(r.rc == RC_ESYNTAX || r.rc == RC_EFORMAT, "%d: %s", r.rc, rc_ctx_error(r.ctx));
    ck_assert_uint_eq(r.list.n, 0);
    done_with(&r);
}
END_TEST

START_TEST(test_size_limit)
{
    /* beyond what libxml2 can take: refused before a byte is read */
    doc_read r;
    ck_assert_int_eq(rc_ctx_new(&r.ctx), RC_OK);
    ck_assert_int_eq(rc_xfacts_init(&r.list, "huge.xml"), RC_OK);
    static const char tiny[] = "<";
    int rc = rc_xbrl_read_instance(&r.list, "huge.xml", tiny, (size_t)INT_MAX + 1, 0, r.ctx);
    ck_assert_int_eq(rc, RC_ELIMIT);
    ck_assert_ptr_nonnull(strstr(rc_ctx_error(r.ctx), "huge.xml: error: "));
    ck_assert_uint_eq((size_t)INT_MAX + 1, RC_MAX_INPUT_BYTES); /* the caller's limit is ours */
    done_with(&r);
}
END_TEST

static Suite *xbrlinst_suite(void)
{
    Suite *s = suite_create("xbrlinst");
    TCase *tc = tcase_create("facts");
    tcase_add_test(tc, test_contexts_and_dimensions);
    tcase_add_test(tc, test_units_values_accuracy);
    tcase_add_test(tc, test_locations);
    tcase_add_test(tc, test_periods);
    suite_add_tcase(s, tc);
    tc = tcase_create("shapes");
    tcase_add_test(tc, test_prefixless);
    tcase_add_test(tc, test_default_namespace_facts);
    tcase_add_test(tc, test_tuples_and_order);
    tcase_add_test(tc, test_leading_blank_lines);
    tcase_add_test(tc, test_unreadable_facts_are_noted);
    suite_add_tcase(s, tc);
    tc = tcase_create("bad input");
    tcase_add_test(tc, test_malformed);
    tcase_add_test(tc, test_external_entity_not_read);
    tcase_add_test(tc, test_entity_bomb_refused);
    tcase_add_test(tc, test_size_limit);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(xbrlinst_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
