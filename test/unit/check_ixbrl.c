/* Unit tests: the inline XBRL reader (rc_xbrl_read_inline), and inline == extracted instance. */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rollcheck/common.h"
#include "rollcheck/number.h"
#include "common/util.h"
#include "read/xbrl.h"

typedef struct doc_read {
    rc_xfacts list;
    rc_ctx *ctx;
    int rc;
} doc_read;

static doc_read read_doc(const char *doc, unsigned line0)
{
    doc_read r;
    ck_assert_int_eq(rc_ctx_new(&r.ctx), RC_OK);
    ck_assert_int_eq(rc_xfacts_init(&r.list, "t.htm"), RC_OK);
    r.rc = rc_xbrl_read_inline(&r.list, "t.htm", doc, strlen(doc), line0, r.ctx);
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

static const rc_xfact *find(const doc_read *r, const char *id)
{
    for (size_t i = 0; i < r->list.n; i++)
        if (r->list.items[i].id && strcmp(r->list.items[i].id, id) == 0) return &r->list.items[i];
    return NULL;
}

static const rc_xfact *by_id(const doc_read *r, const char *id)
{
    const rc_xfact *f = find(r, id);
    ck_assert_msg(f != NULL, "no fact with id %s", id);
    return f;
}

static const rc_xnote *note_of(const doc_read *r, const char *id)
{
    for (const rc_xnote *n = r->list.notes; n; n = n->next)
        if (n->src.id && strcmp(n->src.id, id) == 0) return n;
    ck_abort_msg("no note about %s", id);
    return NULL;
}

static void where(const char *doc, const char *needle, unsigned *line, unsigned *col)
{
    const char *at = strstr(doc, needle);
    ck_assert_msg(at != NULL, "'%s' not in the document", needle);
    rc_line_col(doc, strlen(doc), (size_t)(at - doc), line, col);
}

/* A numeric fact: value, decimals and the places shown. */
static void number_is(const doc_read *r, const char *id, const char *value, int decimals, int shown)
{
    const rc_xfact *f = by_id(r, id);
    ck_assert_msg(f->numeric && !f->nil, "%s is not a number", id);
    ck_assert_msg(strcmp(f->value, value) == 0, "%s is %s, want %s", id, f->value, value);
    ck_assert_msg(f->decimals == decimals, "%s decimals %d, want %d", id, f->decimals, decimals);
    ck_assert_msg(f->shown == shown, "%s shows %d, want %d", id, f->shown, shown);
}

#define XHTML_OPEN                                                                                 \
    "<html xmlns=\"http://www.w3.org/1999/xhtml\" "                                                \
    "xmlns:ix=\"http://www.xbrl.org/2013/inlineXBRL\"\n"                                           \
    " xmlns:ixt=\"http://www.xbrl.org/inlineXBRL/transformation/2020-02-12\"\n"                    \
    " xmlns:old=\"http://www.xbrl.org/inlineXBRL/transformation/2015-02-26\"\n"                    \
    " xmlns:ixt-sec=\"http://www.sec.gov/inlineXBRL/transformation/2015-08-31\"\n"                 \
    " xmlns:xbrli=\"http://www.xbrl.org/2003/instance\" "                                          \
    "xmlns:gaap=\"http://fasb.org/us-gaap/2023\"\n"                                                \
    " xmlns:iso4217=\"http://www.xbrl.org/2003/iso4217\" "                                         \
    "xmlns:xbrldi=\"http://xbrl.org/2006/xbrldi\"\n"                                               \
    " xmlns:abc=\"http://example.com/abc\" "                                                       \
    "xmlns:xs=\"http://www.w3.org/2001/XMLSchema-instance\"\n"                                     \
    " xmlns:link=\"http://www.xbrl.org/2003/linkbase\" "                                           \
    "xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n"

#define ENTITY                                                                                     \
    "<xbrli:entity><xbrli:identifier scheme=\"http://www.sec.gov/CIK\">0000123456"                 \
    "</xbrli:identifier>"

#define HEADER                                                                                     \
    "<head><title>t</title></head><body>\n"                                                        \
    "<div style=\"display:none\"><ix:header>\n"                                                    \
    "<ix:hidden>\n"                                                                                \
    " <ix:nonNumeric name=\"gaap:DocumentType\" contextRef=\"d2023\" id=\"h1\">10-K"               \
    "</ix:nonNumeric>\n"                                                                           \
    " <ix:nonFraction name=\"gaap:HiddenCount\" contextRef=\"d2023\" unitRef=\"shares\" "          \
    "decimals=\"0\" id=\"h2\">42</ix:nonFraction>\n"                                               \
    "</ix:hidden>\n"                                                                               \
    "<ix:references><link:schemaRef xlink:type=\"simple\" xlink:href=\"abc.xsd\"/>"                \
    "</ix:references>\n"                                                                           \
    "<ix:resources>\n"                                                                             \
    " <xbrli:context id=\"d2023\">" ENTITY "</xbrli:entity><xbrli:period>"                         \
    "<xbrli:startDate>2023-01-01</xbrli:startDate><xbrli:endDate>2023-12-31</xbrli:endDate>"       \
    "</xbrli:period></xbrli:context>\n"                                                            \
    " <xbrli:context id=\"i2023plan\">" ENTITY "<xbrli:segment>"                                   \
    "<xbrldi:explicitMember dimension=\"gaap:PlanNameAxis\">abc:PlanAMember"                       \
    "</xbrldi:explicitMember></xbrli:segment></xbrli:entity><xbrli:period>"                        \
    "<xbrli:instant>2023-12-31</xbrli:instant></xbrli:period></xbrli:context>\n"                   \
    " <xbrli:unit id=\"shares\"><xbrli:measure>xbrli:shares</xbrli:measure></xbrli:unit>\n"        \
    " <xbrli:unit id=\"usd\"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>\n"            \
    " <xbrli:unit id=\"usdPerShare\"><xbrli:divide><xbrli:unitNumerator><xbrli:measure>"           \
    "iso4217:USD</xbrli:measure></xbrli:unitNumerator><xbrli:unitDenominator><xbrli:measure>"      \
    "xbrli:shares</xbrli:measure></xbrli:unitDenominator></xbrli:divide></xbrli:unit>\n"           \
    "</ix:resources>\n"                                                                            \
    "</ix:header></div>\n"

#define NF(attrs) "<ix:nonFraction contextRef=\"d2023\" " attrs ">"

static const char
    page[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" XHTML_OPEN HEADER "<table"
        "><tr><"
        "td>"
        "Exerci"
        "sed</"
        "td><"
        "td>"
        "(" NF(
            "na"
            "me"
            "="
            "\""
            "ga"
            "ap"
            ":O"
            "pt"
            "io"
            "ns"
            "Ex"
            "er"
            "ci"
            "se"
            "d"
            "\""
            " u"
            "ni"
            "tR"
            "ef"
            "="
            "\""
            "sh"
            "ar"
            "es"
            "\""
            " "
            "de"
            "ci"
            "ma"
            "ls"
            "="
            "\""
            "-3"
            "\""
            " s"
            "ca"
            "le"
            "="
            "\""
            "3"
            "\""
            " "
            "fo"
            "rm"
            "at"
            "="
            "\""
            "ix"
            "t:"
            "nu"
            "m-"
            "do"
            "t-"
            "de"
            "ci"
            "ma"
            "l"
            "\""
            " i"
            "d="
            "\""
            "f1"
            "\"") "1,500</ix:nonFraction>)</td></tr>\n"
                  "<tr><td>Loss</td><td>(" NF(
                      "name=\"gaap:Loss\" unitRef=\"usd\" "
                      "decimals=\"-3\" scale=\"3\" "
                      "sign=\"-\" format=\"ixt:num-dot-decimal\" "
                      "id=\"f2\"") "250</ix:nonFraction>)</td></tr>\n"
                                   "<tr><td>Rate</td><td>" NF(
                                       "name=\"gaap:Rate\" "
                                       "unitRef=\"usd\" decimals=\"3\" "
                                       "scale=\"-2\" "
                                       "format=\"ixt:num-dot-decimal\" "
                                       "id=\"f3\"") "25.5</"
                                                    "ix:nonFraction>%"
                                                    "</td></tr>\n"
                                                    "<tr><td>Expired</"
                                                    "td><td>" NF(
                                                        "name="
                                                        "\"gaa"
                                                        "p:"
                                                        "Optio"
                                                        "nsExp"
                                                        "ired"
                                                        "\" "
                                                        "unitR"
                                                        "ef="
                                                        "\"sha"
                                                        "res\""
                                                        " "
                                                        "decim"
                                                        "als="
                                                        "\"INF"
                                                        "\" "
                                                        "forma"
                                                        "t="
                                                        "\"ixt"
                                                        ":fixe"
                                                        "d-"
                                                        "zero"
                                                        "\" "
                                                        "id="
                                                        "\"f4"
                                                        "\"") "\xe2\x80\x94</ix:nonFraction></td></"
                                                              "tr>\n"
                                                              "<tr><td>Assumed</td><td>" NF(
                                                                  "name=\"abc:OptionsAssumed\" "
                                                                  "unitRef=\"shares\" "
                                                                  "decimals=\"INF\" "
                                                                  "format=\"ixt-sec:numwordsen\" "
                                                                  "id=\"f5\"") "no</"
                                                                               "ix:nonFraction></"
                                                                               "td></tr>\n"
                                                                               "<tr><td>Granted</"
                                                                               "td><td>" NF("name="
                                                                                            "\"gaap"
                                                                                            ":Optio"
                                                                                            "nsGran"
                                                                                            "ted\" "
                                                                                            "unitRe"
                                                                                            "f="
                                                                                            "\"shar"
                                                                                            "es\" "
                                                                                            "decima"
                                                                                            "ls="
                                                                                            "\"0\" "
                                                                                            "format"
                                                                                            "=\"ixt"
                                                                                            ":num-"
                                                                                            "dot-"
                                                                                            "decima"
                                                                                            "l\" "
                                                                                            "id="
                                                                                            "\"f6"
                                                                                            "\"") "<span>1,2</span><b>34</b></ix:nonFraction></td></tr>\n"
                                                                                                  "<tr><td>Old</td><td>" NF("name=\"gaap:Old\" unitRef=\"usd\" decimals=\"2\" "
                                                                                                                            "format=\"old:numdotdecimal\" id=\"f7\"") "12,345.67</ix:nonFraction></td></tr>\n"
                                                                                                                                                                      "<tr><td>Wrong registry</td><td>" NF(
                                                                                                                                                                          "name=\"gaap:Wrong\" unitRef=\"usd\" decimals=\"0\" "
                                                                                                                                                                          "format=\"ixt:numdotdecimal\" id=\"f8\"") "1</ix:nonFraction></td></tr>\n"
                                                                                                                                                                                                                    "<tr><td>Not a number</td><td>" NF("name=\"gaap:Text\" unitRef=\"usd\" decimals=\"0\" "
                                                                                                                                                                                                                                                       "format=\"ixt:num-dot-decimal\" id=\"f9\"") "n/a</ix:nonFraction></td></tr>\n"
                                                                                                                                                                                                                                                                                                   "<tr><td>Nil</td><td>" NF("name=\"gaap:Nothing\" unitRef=\"usd\" xs:nil=\"true\" id=\"f10\"") "</ix:nonFraction></td></tr>\n"
                                                                                                                                                                                                                                                                                                                                                                                                 "<tr><td>Price</td><td>$" NF("name=\"gaap:Price\" unitRef=\"usdPerShare\" decimals=\"2\" "
                                                                                                                                                                                                                                                                                                                                                                                                                              "id=\"f11\"") "7.50</ix:nonFraction></td></tr>\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                            "<tr><td>Zero</td><td>" NF("name=\"gaap:Zero\" unitRef=\"usd\" decimals=\"-3\" scale=\"3\" "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                       "sign=\"-\" format=\"ixt:num-dot-decimal\" id=\"f12\"") "0</ix:nonFraction></td></tr>\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "<tr><td>Plan A</td><td><ix:nonFraction contextRef=\"i2023plan\" "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "name=\"gaap:OptionsOutstanding\" unitRef=\"shares\" decimals=\"0\" scale=\"6\" "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "format=\"ixt:num-dot-decimal\" id=\"f13\">1.25</ix:nonFraction></td></tr></table>\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "<p>Remaining term <ix:nonNumeric name=\"gaap:RemainingTerm\" contextRef=\"i2023plan\" "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "format=\"ixt-sec:duryear\" id=\"n1\">6.2</ix:nonNumeric> years.</p>\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "<ix:nonNumeric name=\"gaap:PolicyTextBlock\" contextRef=\"d2023\" id=\"n2\" "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "continuedAt=\"c1\"><p>Options vest <ix:exclude>[page 3]</ix:exclude>over</p>"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "</ix:nonNumeric>\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "<p>Page break</p>\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "<ix:continuation id=\"c1\" continuedAt=\"c2\"><p> four years</p></ix:continuation>\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "<ix:continuation id=\"c2\"><p>, ratably.</p></ix:continuation>\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "<p><ix:nonNumeric name=\"gaap:GrantText\" contextRef=\"d2023\" id=\"n3\">We granted "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "<ix:nonFraction name=\"gaap:Granted\" contextRef=\"d2023\" unitRef=\"shares\" "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "decimals=\"0\" format=\"ixt:num-dot-decimal\" id=\"n3f\">2,000</ix:nonFraction> options."
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "</ix:nonNumeric></p>\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "<ix:nonNumeric name=\"gaap:Broken\" contextRef=\"d2023\" id=\"n4\" continuedAt=\"nowhere\">"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "a</ix:nonNumeric>\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "<ix:nonNumeric name=\"gaap:Loop\" contextRef=\"d2023\" id=\"n5\" continuedAt=\"l1\">a"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "</ix:nonNumeric>\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "<ix:continuation id=\"l1\" continuedAt=\"l2\">b</ix:continuation>"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "<ix:continuation id=\"l2\" continuedAt=\"l1\">c</ix:continuation>\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "<ix:nonNumeric name=\"gaap:Flag\" contextRef=\"d2023\" format=\"ixt:fixed-true\" id=\"n6\">"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "Yes</ix:nonNumeric>\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "<ix:nonNumeric name=\"gaap:NoContext\" contextRef=\"missing\" id=\"n7\">x</ix:nonNumeric>\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "<ix:fraction name=\"gaap:Third\" contextRef=\"d2023\" unitRef=\"usd\" id=\"fr\">"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "<ix:numerator>1</ix:numerator><ix:denominator>3</ix:denominator></ix:fraction>\n"
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               "</body></html>\n";

START_TEST(test_header_and_hidden)
{
    doc_read r = read_ok(page);
    const rc_xfact *f = by_id(&r, "h1");
    ck_assert(!f->numeric);
    ck_assert_str_eq(f->value, "10-K");
    ck_assert_str_eq(f->concept, "us-gaap:DocumentType");
    ck_assert_str_eq(f->entity, "http://www.sec.gov/CIK 0000123456");
    ck_assert_int_eq(f->start, rc_day_from_ymd(2023, 1, 1));
    ck_assert_int_eq(f->end, rc_day_from_ymd(2023, 12, 31));
    number_is(&r, "h2", "42", 0, 0); /* a hidden fact counts like any other */
    f = by_id(&r, "f13");
    ck_assert_uint_eq(f->ndims, 1);
    ck_assert_str_eq(f->dims[0].axis, "us-gaap:PlanNameAxis");
    ck_assert_str_eq(f->dims[0].member, "abc:PlanAMember");
    ck_assert_int_eq(f->start, RC_NO_DATE);
    ck_assert_str_eq(f->unit_num, "xbrli:shares");
    f = by_id(&r, "f11");
    ck_assert_str_eq(f->unit_num, "iso4217:USD");
    ck_assert_str_eq(f->unit_den, "xbrli:shares");
    /* the schemaRef in ix:references is no fact; every fact is read once */
    size_t seen_f1 = 0;
    for (size_t i = 0; i < r.list.n; i++)
        seen_f1 += r.list.items[i].id && strcmp(r.list.items[i].id, "f1") == 0;
    ck_assert_uint_eq(seen_f1, 1);
    done_with(&r);
}
END_TEST

START_TEST(test_scale_sign_shown)
{
    doc_read r = read_ok(page);
    /* parentheses outside the tag are display: the value is positive */
    number_is(&r, "f1", "1500000", -3, -3);
    number_is(&r, "f2", "-250000", -3, -3);
    number_is(&r, "f3", "0.255", 3, 3);
    number_is(&r, "f11", "7.50", 2, 2);
    number_is(&r, "f12", "0", -3, -3); /* a zero keeps no sign */
    number_is(&r, "f13", "1250000", 0, -4);
    done_with(&r);
}
END_TEST

START_TEST(test_formats_by_namespace)
{
    doc_read r = read_ok(page);
    number_is(&r, "f4", "0", RC_DECIMALS_INF, RC_DECIMALS_INF); /* "—" fixed-zero */
    number_is(&r, "f5", "0", RC_DECIMALS_INF, RC_DECIMALS_INF); /* numwordsen "no" */
    number_is(&r, "f6", "1234", 0, 0);                          /* markup inside the tag */
    number_is(&r, "f7", "12345.67", 2, 2);                      /* TR3 by its own prefix */
    ck_assert_str_eq(by_id(&r, "n1")->value, "P6Y2M12D");       /* ixt-sec:duryear */
    ck_assert_str_eq(by_id(&r, "n6")->value, "true");
    /* TR3's name under TR4's namespace is no transform: left out, with a note */
    ck_assert_ptr_null(find(&r, "f8"));
    const rc_xnote *n = note_of(&r, "f8");
    ck_assert_ptr_nonnull(strstr(n->text, "ixt:numdotdecimal"));
    ck_assert_ptr_nonnull(strstr(n->text, "2020-02-12"));
    ck_assert_ptr_null(find(&r, "f9"));
    ck_assert_ptr_nonnull(strstr(note_of(&r, "f9")->text, "\"n/a\" does not fit"));
    done_with(&r);
}
END_TEST

START_TEST(test_continuation_exclude_nesting)
{
    doc_read r = read_ok(page);
    ck_assert_str_eq(by_id(&r, "n2")->value, "Options vest over four years, ratably.");
    /* a fact inside a fact: both are facts, the inner's text is the outer's too */
    ck_assert_str_eq(by_id(&r, "n3")->value, "We granted 2,000 options.");
    number_is(&r, "n3f", "2000", 0, 0);
    ck_assert_ptr_null(find(&r, "n4"));
    ck_assert_ptr_nonnull(strstr(note_of(&r, "n4")->text, "continuation"));
    ck_assert_ptr_null(find(&r, "n5"));
    ck_assert_ptr_nonnull(strstr(note_of(&r, "n5")->text, "loop"));
    done_with(&r);
}
END_TEST

START_TEST(test_nil_and_notes)
{
    doc_read r = read_ok(page);
    const rc_xfact *f = by_id(&r, "f10");
    ck_assert(f->nil && f->numeric); /* xsi:nil under the prefix "xs" */
    ck_assert_ptr_null(f->value);
    ck_assert_ptr_null(find(&r, "n7"));
    ck_assert_ptr_nonnull(strstr(note_of(&r, "n7")->text, "'missing' is not in the document"));
    ck_assert_ptr_nonnull(strstr(note_of(&r, "fr")->text, "fraction"));
    /* f8, f9, n4, n5, n7 and the fraction: every unreadable fact is named */
    ck_assert_uint_eq(r.list.nnotes, 6);
    ck_assert_uint_eq(r.list.n, 18);
    done_with(&r);
}
END_TEST

START_TEST(test_locations)
{
    doc_read r = read_doc(page, 40);
    ck_assert_int_eq(r.rc, RC_OK);
    unsigned line, col;
    where(page, "<ix:nonFraction contextRef=\"d2023\" name=\"gaap:OptionsExercised\"", &line, &col);
    ck_assert_uint_eq(by_id(&r, "f1")->src.line, 40 + line);
    ck_assert_uint_eq(by_id(&r, "f1")->src.col, col);
    ck_assert_str_eq(by_id(&r, "f1")->src.id, "f1");
    where(page, "<ix:nonNumeric name=\"gaap:GrantText\"", &line, &col);
    ck_assert_uint_eq(by_id(&r, "n3")->src.line, 40 + line);
    ck_assert_uint_eq(by_id(&r, "n3")->src.col, col);
    where(page, "<ix:nonNumeric name=\"gaap:Broken\"", &line, &col);
    ck_assert_uint_eq(note_of(&r, "n4")->src.line, 40 + line);
    ck_assert_uint_eq(note_of(&r, "n4")->src.col, col);
    done_with(&r);
}
END_TEST

START_TEST(test_leading_blank_line_and_encodings)
{
    /* AEON's document starts with a blank line before its XML declaration */
    static const char doc[] =
        "\n\n<?xml version='1.0' encoding='ASCII'?>\n" XHTML_OPEN HEADER "<p>" NF(
            "name=\"gaap:X\" unitRef=\"shares\" decimals=\"0\" id=\"x\"") "5</ix:nonFraction></p></"
                                                                          "body></html>\n";
    doc_read r = read_doc(doc, 0);
    ck_assert_msg(r.rc == RC_OK, "%s", rc_ctx_error(r.ctx));
    unsigned line, col;
    where(doc, "<ix:nonFraction contextRef=\"d2023\" name=\"gaap:X\"", &line, &col);
    /* a declared encoding restarts libxml2's count: the column is right all the same */
    ck_assert_uint_eq(by_id(&r, "x")->src.line, line);
    ck_assert_uint_eq(by_id(&r, "x")->src.col, col);
    done_with(&r);
}
END_TEST

START_TEST(test_inline_1_0)
{
    static const char doc[] =
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:ix=\"http://www.xbrl.org/2008/"
        "inlineXBRL\" xmlns:xbrli=\"http://www.xbrl.org/2003/instance\" "
        "xmlns:gaap=\"http://fasb.org/us-gaap/2010\"><body><ix:header><ix:resources>"
        "<xbrli:context id=\"c\"><xbrli:entity><xbrli:identifier scheme=\"s\">1"
        "</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:instant>2010-12-31"
        "</xbrli:instant></xbrli:period></xbrli:context><xbrli:unit id=\"u\"><xbrli:measure>"
        "xbrli:pure</xbrli:measure></xbrli:unit></ix:resources></ix:header>"
        "<ix:nonFraction name=\"gaap:X\" contextRef=\"c\" unitRef=\"u\" decimals=\"0\" "
        "id=\"x\">3</ix:nonFraction></body></html>";
    doc_read r = read_ok(doc);
    number_is(&r, "x", "3", 0, 0);
    ck_assert_str_eq(by_id(&r, "x")->unit_num, "xbrli:pure");
    done_with(&r);
}
END_TEST

static void refused(const char *doc, int code, const char *message_part)
{
    doc_read r = read_doc(doc, 0);
    ck_assert_msg(r.rc == code, "returned %d, want %d: %s", r.rc, code, rc_ctx_error(r.ctx));
    ck_assert_uint_eq(r.list.n, 0);
    const char *msg = rc_ctx_error(r.ctx);
    ck_assert_msg(strncmp(msg, "t.htm:", 6) == 0 && strstr(msg, ": error: ") &&
                      strstr(msg, message_part),
                  "message '%s' does not say '%s'", msg, message_part);
    done_with(&r);
}

START_TEST(test_bad_documents)
{
    /* HTML that is not XML: refused, not guessed at */
    refused("<html><body><p>Options <b>granted</p></body></html>", RC_ESYNTAX,
            "must be well-formed XHTML");
    refused(XHTML_OPEN "<body><ix:nonFraction name=\"gaap:X\">1</body></html>", RC_ESYNTAX,
            "not well-formed XML");
    refused("<html><body>&nbsp;</body></html>", RC_ESYNTAX, "nbsp");
    refused("", RC_ESYNTAX, "empty");
    refused("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>no facts</p></body></html>",
            RC_EFORMAT, "not an inline XBRL document");
    refused("<?xml version=\"1.0\"?>\n<!DOCTYPE html [<!ENTITY e SYSTEM "
            "\"file:///etc/passwd\">]>\n" XHTML_OPEN "<body><p>&e;</p></body></html>",
            RC_EFORMAT, "entities are never expanded");
    doc_read r;
    ck_assert_int_eq(rc_ctx_new(&r.ctx), RC_OK);
    ck_assert_int_eq(rc_xfacts_init(&r.list, "t.htm"), RC_OK);
    ck_assert_int_eq(rc_xbrl_read_inline(&r.list, "t.htm", "<", (size_t)INT_MAX + 1, 0, r.ctx),
                     RC_ELIMIT);
    done_with(&r);
}
END_TEST

/* ---- the same filing as inline XBRL and as the instance EDGAR extracted ------------------ */

/* A numeric fact as one string, its value an exact rational ("1.00" and "1" agree). */
static char *numeric_key(const rc_xfact *f)
{
    rc_buf b = RC_BUF_INIT;
    char start[11], end[11];
    rc_day_format(f->start, start);
    rc_day_format(f->end, end);
    rc_buf_printf(&b, "%s|%s|%s|%s|", f->concept, f->entity ? f->entity : "", start, end);
    for (size_t i = 0; i < f->ndims; i++)
        rc_buf_printf(&b, "%s=%s%s;", f->dims[i].axis, f->dims[i].member,
                      f->dims[i].typed ? "(typed)" : "");
    rc_buf_printf(&b, "|%s/%s|d=%d|", f->unit_num ? f->unit_num : "",
                  f->unit_den ? f->unit_den : "", f->decimals);
    if (f->nil) {
        rc_buf_puts(&b, "nil");
    } else {
        rc_value v;
        rc_value_init(&v);
        int rc = rc_value_parse(&v, f->value, strlen(f->value), 0, RC_PARSE_EXPONENT, NULL, NULL);
        ck_assert_msg(rc == RC_OK, "%s: value '%s' is no number", f->concept, f->value);
        char *exact = rc_q_format_exact(v.q, 60, RC_ROUND_NEAREST);
        rc_buf_puts(&b, exact);
        free(exact);
        rc_value_clear(&v);
    }
    char *key = rc_buf_take(&b);
    ck_assert_ptr_nonnull(key);
    return key;
}

static int key_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **numeric_keys(const rc_xfacts *list, size_t *n)
{
    char **keys = calloc(list->n + 1, sizeof *keys);
    ck_assert_ptr_nonnull(keys);
    *n = 0;
    for (size_t i = 0; i < list->n; i++)
        if (list->items[i].numeric) keys[(*n)++] = numeric_key(&list->items[i]);
    qsort(keys, *n, sizeof *keys, key_cmp);
    return keys;
}

/*
 * Do two lists hold the same numeric facts, fact for fact (concept, entity,
 * period, dimensions, unit, decimals, nil, value as a rational)?  Duplicates
 * count: each fact of one needs its own equal fact in the other.  On a
 * difference, why (cap bytes) says which.
 */
static bool same_numeric_facts(const rc_xfacts *a, const rc_xfacts *b, char *why, size_t cap)
{
    size_t na, nb;
    char **ka = numeric_keys(a, &na), **kb = numeric_keys(b, &nb);
    bool same = na == nb;
    if (!same) snprintf(why, cap, "%zu numeric facts in %s, %zu in %s", na, a->file, nb, b->file);
    for (size_t i = 0; same && i < na; i++) {
        if (strcmp(ka[i], kb[i]) != 0) {
            snprintf(why, cap, "%s has %s where %s has %s", a->file, ka[i], b->file, kb[i]);
            same = false;
        }
    }
    for (size_t i = 0; i < na; i++)
        free(ka[i]);
    for (size_t i = 0; i < nb; i++)
        free(kb[i]);
    free(ka);
    free(kb);
    return same;
}

/* The durations of nonNumeric facts (remaining terms ...) equal the instance's, by id. */
static size_t same_durations(const rc_xfacts *inl, const rc_xfacts *inst)
{
    size_t checked = 0;
    for (size_t i = 0; i < inl->n; i++) {
        const rc_xfact *f = &inl->items[i];
        if (f->numeric || !f->id || !f->value || f->value[0] != 'P' || !f->value[1] ||
            strspn(f->value + 1, "0123456789YMDTHS.") != strlen(f->value + 1))
            continue; /* not an xs:duration */
        for (size_t j = 0; j < inst->n; j++) {
            const rc_xfact *g = &inst->items[j];
            if (!g->id || strcmp(g->id, f->id) != 0) continue;
            ck_assert_msg(strcmp(f->value, g->value) == 0,
                          "%s: %.40s inline, %.40s in the instance", f->id, f->value, g->value);
            checked++;
        }
    }
    return checked;
}

static void read_file_into(rc_xfacts *list, const char *path, bool inline_doc, rc_ctx *ctx)
{
    char *buf = NULL;
    size_t len = 0;
    ck_assert_msg(rc_read_whole_file(path, RC_MAX_INPUT_BYTES, &buf, &len, ctx) == RC_OK, "%s",
                  rc_ctx_error(ctx));
    ck_assert_int_eq(rc_xfacts_init(list, path), RC_OK);
    int rc = inline_doc ? rc_xbrl_read_inline(list, path, buf, len, 0, ctx)
                        : rc_xbrl_read_instance(list, path, buf, len, 0, ctx);
    free(buf);
    ck_assert_msg(rc == RC_OK, "%s", rc_ctx_error(ctx));
    ck_assert_msg(list->nnotes == 0, "%s: %s", path, list->notes ? list->notes->text : "");
}

static void inline_equals_instance(const char *htm, const char *xml, size_t numeric,
                                   size_t durations)
{
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), RC_OK);
    rc_xfacts a, b;
    read_file_into(&a, htm, true, ctx);
    read_file_into(&b, xml, false, ctx);
    char why[1024] = "";
    ck_assert_msg(same_numeric_facts(&a, &b, why, sizeof why), "%.300s", why);
    size_t n = 0;
    for (size_t i = 0; i < a.n; i++)
        n += a.items[i].numeric;
    ck_assert_uint_eq(n, numeric);
    ck_assert_uint_eq(same_durations(&a, &b), durations);
    rc_xfacts_clear(&a);
    rc_xfacts_clear(&b);
    rc_ctx_free(ctx);
}

START_TEST(test_compare_sees_differences)
{
    /* the comparison itself: one value changed, or one fact missing, is a difference */
    doc_read r = read_ok(page), s = read_ok(page);
    char why[1024] = "";
    ck_assert(same_numeric_facts(&r.list, &s.list, why, sizeof why));
    for (size_t i = 0; i < s.list.n; i++)
        if (s.list.items[i].id && strcmp(s.list.items[i].id, "f1") == 0)
            s.list.items[i].value = "1500000.0"; /* the same number */
    ck_assert(same_numeric_facts(&r.list, &s.list, why, sizeof why));
    for (size_t i = 0; i < s.list.n; i++)
        if (s.list.items[i].id && strcmp(s.list.items[i].id, "f1") == 0)
            s.list.items[i].value = "1500001";
    ck_assert(!same_numeric_facts(&r.list, &s.list, why, sizeof why));
    ck_assert_ptr_nonnull(strstr(why, "OptionsExercised"));
    s.list.n--;
    ck_assert(!same_numeric_facts(&r.list, &s.list, why, sizeof why));
    done_with(&r);
    done_with(&s);
}
END_TEST

START_TEST(test_apple_inline_equals_instance)
{
    inline_equals_instance(RC_SOURCE_DIR "/test/data/xbrl/aapl-20250329.htm",
                           RC_SOURCE_DIR "/test/data/xbrl/aapl-20250329_htm.xml", 674, 7);
}
END_TEST

START_TEST(test_aeon_inline_equals_instance)
{
    const char *dir = RC_SOURCE_DIR "/../shared/corpus/edgartools/data/xbrl/datafiles/aeon";
    if (access(dir, R_OK) != 0) {
        fprintf(stderr, "check_ixbrl: %s absent, AEON comparison skipped\n", dir);
        return;
    }
    inline_equals_instance(RC_SOURCE_DIR "/../shared/corpus/edgartools/data/xbrl/datafiles/aeon/"
                                         "aeon-20230930x10q.htm",
                           RC_SOURCE_DIR "/../shared/corpus/edgartools/data/xbrl/datafiles/aeon/"
                                         "aeon-20230930x10q_htm.xml",
                           1002, 40);
}
END_TEST

static Suite *ixbrl_suite(void)
{
    Suite *s = suite_create("ixbrl");
    TCase *tc = tcase_create("facts");
    tcase_add_test(tc, test_header_and_hidden);
    tcase_add_test(tc, test_scale_sign_shown);
    tcase_add_test(tc, test_formats_by_namespace);
    tcase_add_test(tc, test_continuation_exclude_nesting);
    tcase_add_test(tc, test_nil_and_notes);
    tcase_add_test(tc, test_locations);
    tcase_add_test(tc, test_leading_blank_line_and_encodings);
    tcase_add_test(tc, test_inline_1_0);
    suite_add_tcase(s, tc);
    tc = tcase_create("bad input");
    tcase_add_test(tc, test_bad_documents);
    suite_add_tcase(s, tc);
    tc = tcase_create("inline == instance");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_compare_sees_differences);
    tcase_add_test(tc, test_apple_inline_equals_instance);
    tcase_add_test(tc, test_aeon_inline_equals_instance);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(ixbrl_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
