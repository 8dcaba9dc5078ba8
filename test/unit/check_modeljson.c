/* Unit tests: reading and writing model JSON (src/read/modeljson.c,
 * src/report/modeljson.c). */
#include <check.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck.h"

/* ---- helpers ------------------------------------------------------------------ */

static int read_json(rc_model *model, rc_ctx *ctx, const char *name, const char *json)
{
    return rc_read_model_json(model, name, json, strlen(json), ctx);
}

/* Read json, which must be fine, into a new model (caller frees). */
static rc_model *read_ok(const char *json)
{
    rc_model *model;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_model_new(&model), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    int rc = read_json(model, ctx, "m.json", json);
    ck_assert_msg(rc == 0, "read failed: %s", rc_ctx_error(ctx));
    rc_ctx_free(ctx);
    return model;
}

/* json must fail with exactly msg. */
static void read_fails(const char *json, const char *msg)
{
    rc_model *model;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_model_new(&model), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    int rc = read_json(model, ctx, "m.json", json);
    ck_assert_msg(rc == RC_ESYNTAX, "rc %d for %s", rc, json);
    ck_assert_str_eq(rc_ctx_error(ctx), msg);
    rc_ctx_free(ctx);
    rc_model_free(model);
}

#define HEAD "{\"rollcheck\": \"model\", \"version\": 1, \"rollforwards\": [{\n"
#define PERIOD                                                                                     \
    "\"award\": \"options\", \"period\": {\"start\": \"2021-01-01\", \"end\": \"2021-12-31\"},\n"
/* A roll-forward whose third line is body: errors in body are on line 3, at
 * the column they have in body. */
#define RF(body) HEAD PERIOD body "\n}]}"

static char *q_text(const mpq_t q)
{
    return rc_q_format_exact(q, 60, RC_ROUND_NEAREST);
}

/* The fact's exact value is want. */
static void value_is(const rc_fact *f, const char *want)
{
    ck_assert_ptr_nonnull(f);
    char *got = q_text(f->value.q);
    ck_assert_msg(strcmp(got, want) == 0, "value %s, want %s", got, want);
    free(got);
}

static rc_day day(const char *s)
{
    rc_day d;
    ck_assert_int_eq(rc_day_parse(&d, s, strlen(s)), 0);
    return d;
}

static char *write_model(const rc_model *model)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    ck_assert_ptr_nonnull(f);
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    int rc = rc_model_write_json(f, model, ctx);
    ck_assert_msg(rc == 0, "write failed: %s", rc_ctx_error(ctx));
    fclose(f);
    rc_ctx_free(ctx);
    return out;
}

/* ---- reading ------------------------------------------------------------------ */

static const char *full_model =
    "{\"rollcheck\": \"model\", \"version\": 1, \"source\": \"test\", \"_c\": [1, {\"x\": 2}],\n"
    " \"rollforwards\": [{\n"
    "  \"entity\": \"ACME Corp.\", \"award\": \"other\", \"award_type\": \"RSU\",\n"
    "  \"members\": [\"Plan B\", \"Plan A\"], \"currency\": \"USD\",\n"
    "  \"period\": {\"start\": \"2021-01-01\", \"end\": \"2021-12-31\"},\n"
    "  \"signs\": \"stored\", \"scale\": {\"count\": 3, \"price\": 0, \"money\": 6},\n"
    "  \"source\": {\"file\": \"R20.htm\", \"line\": 120, \"col\": 5, \"id\": \"t1\"},\n"
    "  \"_note\": \"ignored\",\n"
    "  \"opening\": {\"count\": \"1,000\", \"fair_value\": \"10.5\"},\n"
    "  \"movements\": [\n"
    "    {\"role\": \"granted\", \"label\": \"Granted\", \"count\": \"200\", \"fair_value\": "
    "12.25},\n"
    "    {\"role\": \"vested\", \"label\": \"Vested\", \"count\": {\"value\": \"150\", "
    "\"concept\": \"us-gaap:X\", \"source\": {\"file\": \"R20.htm\", \"line\": 130}}},\n"
    "    {\"role\": \"adjusted\", \"direction\": \"-\", \"label\": \"Performance adjustment\", "
    "\"count\": \"10\", \"_why\": \"x\"}\n"
    "  ],\n"
    "  \"closing\": {\"count\": \"1,040\", \"fair_value\": \"11\", \"aiv\": \"1.5\", \"term\": "
    "\"P4Y6M\"},\n"
    "  \"exercisable\": {\"count\": \"0\"},\n"
    "  \"vested_expected\": {\"count\": \"1,000\", \"aiv\": {\"value\": \"1,442\", \"scale\": 3, "
    "\"decimals\": -3, \"currency\": \"EUR\", \"label\": \"AIV\", \"_x\": 1}, \"term\": \"4 "
    "years\"},\n"
    "  \"share_price\": {\"value\": \"25.00\", \"decimals\": \"INF\"},\n"
    "  \"contractual_term\": \"10 years\"\n"
    " }]}";

START_TEST(test_read_all_fields)
{
    rc_model *model = read_ok(full_model);
    ck_assert_uint_eq(rc_model_count(model), 1);
    const rc_rollforward *rf = rc_model_get(model, 0);
    ck_assert_str_eq(rf->file, "m.json");
    ck_assert_str_eq(rf->entity, "ACME Corp.");
    ck_assert_int_eq(rf->award, RC_AWARD_OTHER);
    ck_assert_str_eq(rf->award_type, "RSU");
    ck_assert_uint_eq(rf->nmembers, 2);
    ck_assert_str_eq(rf->members[0], "Plan A"); /* sorted */
    ck_assert_str_eq(rf->members[1], "Plan B");
    ck_assert_str_eq(rf->currency, "USD");
    ck_assert_int_eq(rf->start, day("2021-01-01"));
    ck_assert_int_eq(rf->end, day("2021-12-31"));
    ck_assert_int_eq(rf->signs, RC_SIGNS_STORED);
    ck_assert_str_eq(rf->src.file, "R20.htm");
    ck_assert_uint_eq(rf->src.line, 120);
    ck_assert_uint_eq(rf->src.col, 5);
    ck_assert_str_eq(rf->src.id, "t1");

    /* scale count 3: "1,000" is a million, accurate to the thousand */
    const rc_fact *f = rc_opening(rf)->count;
    value_is(f, "1000000");
    ck_assert_int_eq(f->kind, RC_KIND_COUNT);
    ck_assert_int_eq(f->value.decimals, -3);
    ck_assert_int_eq(f->value.shown, -3);
    ck_assert_str_eq(f->text, "1,000");
    ck_assert_ptr_null(f->currency);
    ck_assert_ptr_null(f->label);
    ck_assert_ptr_null(f->concept);
    ck_assert_ptr_null(f->dup);
    f = rc_opening(rf)->fair_value;
    value_is(f, "10.5");
    ck_assert_int_eq(f->kind, RC_KIND_PRICE);
    ck_assert_int_eq(f->value.decimals, 1);
    ck_assert_ptr_null(rc_opening(rf)->price);
    ck_assert_ptr_null(rc_opening(rf)->aiv);

    ck_assert_uint_eq(rf->nmovements, 3);
    const rc_movement *mv = &rf->movements[0];
    ck_assert_int_eq(mv->role, RC_ROLE_GRANTED);
    ck_assert_int_eq(mv->direction, +1);
    ck_assert_str_eq(mv->label, "Granted");
    value_is(mv->count, "200000");
    ck_assert_str_eq(mv->count->label, "Granted"); /* the movement's label */
    value_is(mv->fair_value, "12.25");             /* a JSON number, price scale 0 */
    ck_assert_str_eq(mv->fair_value->text, "12.25");
    ck_assert_int_eq(mv->fair_value->value.decimals, 2);
    mv = &rf->movements[1];
    ck_assert_int_eq(mv->role, RC_ROLE_VESTED);
    ck_assert_int_eq(mv->direction, -1);
    ck_assert_str_eq(mv->count->concept, "us-gaap:X");
    ck_assert_str_eq(mv->count->src.file, "R20.htm");
    ck_assert_uint_eq(mv->count->src.line, 130);
    ck_assert_uint_eq(mv->count->src.col, 0);
    ck_assert_ptr_null(mv->count->src.id);
    mv = &rf->movements[2];
    ck_assert_int_eq(mv->role, RC_ROLE_ADJUSTED);
    ck_assert_int_eq(mv->direction, -1);
    ck_assert_str_eq(mv->label, "Performance adjustment");

    const rc_balance *c = rc_closing(rf);
    value_is(c->count, "1040000");
    value_is(c->aiv, "1500000"); /* money scale 6 */
    ck_assert_int_eq(c->aiv->kind, RC_KIND_MONEY);
    ck_assert_int_eq(c->aiv->value.decimals, -5);
    value_is(c->term, "4.5");
    ck_assert_int_eq(c->term->kind, RC_KIND_TERM);
    ck_assert_str_eq(c->term->text, "P4Y6M");
    value_is(rf->lines[RC_LINE_EXERCISABLE].count, "0");

    const rc_balance *v = &rf->lines[RC_LINE_VESTED_EXPECTED];
    f = v->aiv; /* the value's own scale wins over the roll-forward's */
    value_is(f, "1442000");
    ck_assert_int_eq(f->value.decimals, -3);
    ck_assert_int_eq(f->value.shown, -3);
    ck_assert_str_eq(f->currency, "EUR");
    ck_assert_str_eq(f->label, "AIV");
    value_is(v->term, "4");

    /* "decimals" overrides the accuracy, "shown" stays the text's */
    f = rf->share_price;
    value_is(f, "25");
    ck_assert_int_eq(f->kind, RC_KIND_PRICE);
    ck_assert_int_eq(f->value.decimals, RC_DECIMALS_INF);
    ck_assert_int_eq(f->value.shown, 2);
    value_is(rf->contractual_term, "10");
    ck_assert_int_eq(rf->contractual_term->kind, RC_KIND_TERM);
    rc_model_free(model);
}
END_TEST

START_TEST(test_read_json_numbers)
{
    /* JSON numbers are read from their text, never through a double */
    rc_model *model = read_ok(RF("\"closing\": {\"count\": 12345678901234567891, \"price\": 0.1, "
                                 "\"fair_value\": 2.50, \"aiv\": 1.5e3, \"term\": 5.13},\n"
                                 "\"opening\": {\"count\": -0.5E-1, \"price\": 0}"));
    const rc_rollforward *rf = rc_model_get(model, 0);
    const rc_balance *c = rc_closing(rf);
    value_is(c->count, "12345678901234567891");
    mpq_t tenth;
    mpq_init(tenth);
    mpq_set_ui(tenth, 1, 10);
    ck_assert(mpq_equal(c->price->value.q, tenth));
    mpq_clear(tenth);
    ck_assert_str_eq(c->price->text, "0.1");
    ck_assert_int_eq(c->price->value.decimals, 1);
    value_is(c->fair_value, "2.5");
    ck_assert_int_eq(c->fair_value->value.shown, 2);
    value_is(c->aiv, "1500");
    ck_assert_str_eq(c->aiv->text, "1.5e3");
    ck_assert_int_eq(c->aiv->value.decimals, -2);
    value_is(c->term, "5.13");
    ck_assert_int_eq(c->term->value.decimals, 2);
    value_is(rc_opening(rf)->count, "-0.05");
    value_is(rc_opening(rf)->price, "0");
    rc_model_free(model);
}
END_TEST

START_TEST(test_read_scale_decimals)
{
    rc_model *model = read_ok(
        RF("\"scale\": {\"money\": 3, \"price\": -2},\n"
           "\"closing\": {\"aiv\": \"1,442\", \"count\": \"(1,442)\", \"price\": \"25\", "
           "\"fair_value\": {\"value\": \"0.25\", \"scale\": 0}, \"term\": {\"value\": "
           "\"P1Y\", \"decimals\": 4}},\n"
           "\"opening\": {\"count\": {\"value\": \"1,500\", \"decimals\": -2}, \"aiv\": "
           "{\"value\": \"\xe2\x80\x94\"}, \"price\": {\"value\": \"12.5%\", \"decimals\": 5}}"));
    const rc_rollforward *rf = rc_model_get(model, 0);
    const rc_balance *c = rc_closing(rf), *o = rc_opening(rf);
    /* "$ in thousands": 1,442 stands for [1,441,500, 1,442,500] */
    value_is(c->aiv, "1442000");
    ck_assert_int_eq(c->aiv->value.decimals, -3);
    rc_interval iv;
    rc_interval_init(&iv);
    rc_fact_interval(&iv, c->aiv, NULL);
    char *lo = q_text(iv.lo), *hi = q_text(iv.hi);
    ck_assert_str_eq(lo, "1441500");
    ck_assert_str_eq(hi, "1442500");
    free(lo);
    free(hi);
    rc_interval_clear(&iv);
    /* counts have no scale here; the sign is as written */
    value_is(c->count, "-1442");
    ck_assert(c->count->value.flags & RC_VALUE_PARENS);
    ck_assert_int_eq(c->count->value.decimals, 0);
    value_is(c->price, "0.25"); /* price scale -2: cents */
    ck_assert_int_eq(c->price->value.shown, 2);
    value_is(c->fair_value, "0.25"); /* the value's scale 0 wins */
    value_is(c->term, "1");
    ck_assert_int_eq(c->term->value.decimals, 4);
    value_is(o->count, "1500");
    ck_assert_int_eq(o->count->value.decimals, -2);
    ck_assert_int_eq(o->count->value.shown, 0);
    value_is(o->aiv, "0"); /* an em dash: nil */
    ck_assert(o->aiv->value.flags & RC_VALUE_DASH);
    value_is(o->price, "0.00125"); /* 12.5% at price scale -2 */
    ck_assert_int_eq(o->price->value.decimals, 5);
    rc_model_free(model);
}
END_TEST

START_TEST(test_read_periods)
{
    rc_model *model = read_ok(RF(
        "\"opening\": {\"count\": \"10\", \"term\": \"5\"},\n"
        "\"movements\": [{\"role\": \"granted\", \"count\": \"5\", \"price\": {\"value\": \"1\", "
        "\"period\": {\"start\": \"2021-07-01\", \"end\": \"2021-12-31\"}}}],\n"
        "\"closing\": {\"count\": {\"value\": \"15\", \"duplicates\": [\"15\", {\"value\": \"15\", "
        "\"period\": {\"instant\": \"2021-06-30\"}}]}},\n"
        "\"exercisable\": {\"count\": \"1\"}, \"vested_expected\": {\"count\": \"2\"},\n"
        "\"share_price\": \"3\", \"contractual_term\": \"10\""));
    const rc_rollforward *rf = rc_model_get(model, 0);
    rc_day start = day("2021-01-01"), end = day("2021-12-31");
    /* the opening balance is at the end of the day before the period */
    ck_assert_int_eq(rc_opening(rf)->count->start, RC_NO_DATE);
    ck_assert_int_eq(rc_opening(rf)->count->end, day("2020-12-31"));
    ck_assert_int_eq(rc_opening(rf)->term->end, day("2020-12-31"));
    const rc_fact *f = rc_closing(rf)->count;
    ck_assert_int_eq(f->start, RC_NO_DATE);
    ck_assert_int_eq(f->end, end);
    ck_assert_int_eq(f->dup->start, RC_NO_DATE); /* a duplicate takes the slot's */
    ck_assert_int_eq(f->dup->end, end);
    ck_assert_int_eq(f->dup->dup->start, RC_NO_DATE); /* or its own */
    ck_assert_int_eq(f->dup->dup->end, day("2021-06-30"));
    ck_assert_int_eq(rf->lines[RC_LINE_EXERCISABLE].count->end, end);
    ck_assert_int_eq(rf->lines[RC_LINE_VESTED_EXPECTED].count->start, RC_NO_DATE);
    ck_assert_int_eq(rf->lines[RC_LINE_VESTED_EXPECTED].count->end, end);
    ck_assert_int_eq(rf->movements[0].count->start, start);
    ck_assert_int_eq(rf->movements[0].count->end, end);
    ck_assert_int_eq(rf->movements[0].price->start, day("2021-07-01"));
    ck_assert_int_eq(rf->movements[0].price->end, end);
    ck_assert_int_eq(rf->share_price->start, RC_NO_DATE);
    ck_assert_int_eq(rf->share_price->end, end);
    ck_assert_int_eq(rf->contractual_term->start, start);
    ck_assert_int_eq(rf->contractual_term->end, end);
    rc_model_free(model);
}
END_TEST

START_TEST(test_read_directions)
{
    rc_model *model = read_ok(
        "{\"rollcheck\": \"model\", \"version\": 1, \"rollforwards\": [\n"
        "{\"award\": \"options\", \"period\": {\"start\": \"2021-01-01\", \"end\": "
        "\"2021-12-31\"},\n"
        " \"movements\": [\n"
        "  {\"role\": \"granted\", \"count\": \"(5)\"},\n"
        "  {\"role\": \"forfeited\", \"count\": \"5\"},\n"
        "  {\"role\": \"forfeited\", \"direction\": \"-\", \"count\": \"(5)\"},\n"
        "  {\"role\": \"other\", \"count\": \"(1,000)\"},\n"
        "  {\"role\": \"other\", \"count\": \"1,000\"},\n"
        "  {\"role\": \"adjusted\", \"count\": \"0\"},\n"
        "  {\"role\": \"adjusted\", \"price\": \"1\"},\n"
        "  {\"role\": \"adjusted\", \"direction\": \"+\", \"count\": \"(3)\"}\n"
        " ]},\n"
        "{\"award\": \"options\", \"signs\": \"stored\", \"period\": {\"start\": \"2022-01-01\", "
        "\"end\": \"2022-12-31\"},\n"
        " \"movements\": [\n"
        "  {\"role\": \"other\", \"count\": \"5\"},\n"
        "  {\"role\": \"other\", \"count\": \"-5\"},\n"
        "  {\"role\": \"other\", \"direction\": \"-\", \"count\": \"5\"},\n"
        "  {\"role\": \"exercised\", \"count\": \"-5\"}\n"
        " ]}]}");
    const rc_rollforward *rf = rc_model_get(model, 0);
    const int displayed[] = {+1, -1, -1, -1, +1, 0, 0, +1};
    ck_assert_uint_eq(rf->nmovements, 8);
    for (size_t i = 0; i < 8; i++)
        ck_assert_msg(rf->movements[i].direction == displayed[i], "movement %zu: %d, want %d", i,
                      rf->movements[i].direction, displayed[i]);
    rf = rc_model_get(model, 1);
    const int stored[] = {0, 0, -1, -1};
    ck_assert_uint_eq(rf->nmovements, 4);
    for (size_t i = 0; i < 4; i++)
        ck_assert_msg(rf->movements[i].direction == stored[i], "stored movement %zu: %d, want %d",
                      i, rf->movements[i].direction, stored[i]);
    /* the value keeps the sign it was reported with */
    value_is(rf->movements[3].count, "-5");
    rc_model_free(model);
}
END_TEST

START_TEST(test_read_duplicates)
{
    rc_model *model = read_ok(RF(
        "\"movements\": [{\"role\": \"exercised\", \"label\": \"Exercised\", \"count\": "
        "{\"value\": \"100\", \"duplicates\": [\"100\", {\"value\": 0.1, \"scale\": 3, \"label\": "
        "\"Options exercised\", \"source\": {\"file\": \"R9.htm\", \"line\": 4, \"col\": 2, "
        "\"id\": "
        "\"f1\"}}, {\"value\": \"(101)\", \"currency\": \"CNY\"}]}}]"));
    const rc_rollforward *rf = rc_model_get(model, 0);
    const rc_fact *f = rf->movements[0].count;
    value_is(f, "100");
    ck_assert_str_eq(f->label, "Exercised");
    const rc_fact *d1 = f->dup, *d2 = d1->dup, *d3 = d2->dup;
    ck_assert_ptr_nonnull(d3);
    ck_assert_ptr_null(d3->dup);
    value_is(d1, "100");
    ck_assert_int_eq(d1->kind, RC_KIND_COUNT);
    ck_assert_str_eq(d1->label, "Exercised"); /* the movement's label */
    ck_assert_str_eq(d1->src.file, "m.json");
    ck_assert_uint_eq(d1->src.line, 3);
    ck_assert_uint_eq(d1->src.col, 100); /* its own place */
    value_is(d2, "100");
    ck_assert_str_eq(d2->text, "0.1");
    ck_assert_int_eq(d2->value.decimals, -2);
    ck_assert_str_eq(d2->label, "Options exercised");
    ck_assert_str_eq(d2->src.file, "R9.htm");
    ck_assert_uint_eq(d2->src.line, 4);
    ck_assert_uint_eq(d2->src.col, 2);
    ck_assert_str_eq(d2->src.id, "f1");
    value_is(d3, "-101");
    ck_assert_str_eq(d3->currency, "CNY");
    rc_model_free(model);
}
END_TEST

START_TEST(test_read_sources)
{
    /* the name is the model's own copy: the caller's may go */
    char *name = strdup("in/model.json");
    const char *json = RF("\"source\": {\"file\": \"R20.htm\", \"line\": 7},\n"
                          "\"closing\": {\"count\": \"5\", \"price\": {\"value\": 1, \"label\": "
                          "\"x\"}}}, {\n" PERIOD "\"opening\": {\"count\": \"5\"}");
    rc_model *model;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_model_new(&model), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_eq(read_json(model, ctx, name, json), 0);
    free(name);
    ck_assert_uint_eq(rc_model_count(model), 2);
    const rc_rollforward *rf = rc_model_get(model, 0);
    ck_assert_str_eq(rf->file, "in/model.json"); /* even with a source elsewhere */
    ck_assert_str_eq(rf->src.file, "R20.htm");
    ck_assert_uint_eq(rf->src.line, 7);
    ck_assert_uint_eq(rf->src.col, 0);
    /* values without a source point at themselves in the model JSON */
    const rc_fact *f = rc_closing(rf)->count;
    ck_assert_str_eq(f->src.file, "in/model.json");
    ck_assert_uint_eq(f->src.line, 4);
    ck_assert_uint_eq(f->src.col, 22);
    ck_assert_ptr_null(f->src.id);
    f = rc_closing(rf)->price; /* the object form: at its "value" */
    ck_assert_uint_eq(f->src.line, 4);
    ck_assert_uint_eq(f->src.col, 46);
    /* a roll-forward without a source: its own place */
    rf = rc_model_get(model, 1);
    ck_assert_str_eq(rf->src.file, "in/model.json");
    ck_assert_uint_eq(rf->src.line, 4);
    ck_assert_uint_eq(rf->src.col, 66);
    ck_assert_uint_eq(rc_model_count_rollforwards(model, "in/model.json"), 0);
    rc_ctx_free(ctx);
    rc_model_free(model);
}
END_TEST

START_TEST(test_read_empty_and_comments)
{
    rc_model *model = read_ok("{\"_a\": 1, \"rollcheck\": \"model\", \"version\": 1, \"_a\": {}, "
                              "\"rollforwards\": []}");
    ck_assert_uint_eq(rc_model_count(model), 0);
    rc_model_free(model);
    /* a comment may sit in any object, rows and values included */
    model = read_ok(RF("\"_1\": [], \"closing\": {\"_2\": null, \"count\": {\"value\": \"1\", "
                       "\"_3\": true, \"source\": {\"file\": \"f\", \"_4\": 0}, \"period\": "
                       "{\"instant\": \"2021-12-31\", \"_5\": 1}}}, \"movements\": [{\"role\": "
                       "\"granted\", \"_6\": \"\"}], \"scale\": {\"_7\": 1}"));
    ck_assert_uint_eq(rc_model_count(model), 1);
    value_is(rc_closing(rc_model_get(model, 0))->count, "1");
    rc_model_free(model);
}
END_TEST

/* The facts of issue 6: an exercise-price-range table, the equity statement's shares issued
 * on exercise, the cash flows' proceeds, and the narrative's statements. */
static const char *other_statements_model =
    "{\"rollcheck\": \"model\", \"version\": 1, \"rollforwards\": [{\n"
    "  \"entity\": \"ACME\", \"award\": \"options\", \"currency\": \"USD\",\n"
    "  \"period\": {\"start\": \"2018-01-01\", \"end\": \"2018-12-31\"},\n"
    "  \"scale\": {\"count\": 3, \"money\": 3},\n"
    "  \"source\": {\"file\": \"note.htm\", \"line\": 10},\n"
    "  \"opening\": {\"count\": \"1,000\", \"price\": \"10.00\"},\n"
    "  \"movements\": [{\"role\": \"granted\", \"count\": \"200\", \"price\": \"12.50\"},\n"
    "                {\"role\": \"exercised\", \"count\": \"(100)\", \"price\": \"8.00\"}],\n"
    "  \"closing\": {\"count\": \"1,100\", \"price\": \"10.64\", \"aiv\": \"5,000\"},\n"
    "  \"ranges\": [{\"label\": \"$5.00 - $10.00\", \"low\": \"5.00\", \"high\": \"10.00\", "
    "\"count\": \"600\", \"price\": \"8.50\", \"term\": \"4.2\", \"aiv\": \"3,900\", "
    "\"exercisable_count\": \"500\", \"exercisable_price\": \"8.40\", \"exercisable_term\": "
    "\"P3Y\"},\n"
    "             {\"low\": \"10.01\", \"count\": {\"value\": \"500\", \"scale\": 0}}],\n"
    "  \"issued_on_exercise\": {\"value\": \"90\", \"concept\": "
    "\"us-gaap:StockIssuedDuringPeriodSharesStockOptionsExercised\"},\n"
    "  \"exercise_proceeds\": \"0.6\"}],\n"
    " \"statements\": [\n"
    "  {\"kind\": \"share_price\", \"period\": {\"instant\": \"2018-12-31\"}, \"value\": "
    "\"15.00\", \"text\": \"The market value of the stock was $15.00 at December 31, 2018.\", "
    "\"source\": {\"file\": \"note.htm\", \"line\": 40, \"col\": 3}},\n"
    "  {\"kind\": \"movement\", \"role\": \"granted\", \"award\": \"options\", \"period\": "
    "{\"start\": \"2018-01-01\", \"end\": \"2018-12-31\"}, \"value\": \"200,000\", \"text\": "
    "\"The Company granted 200,000 options in 2018.\", \"source\": {\"file\": \"note.htm\", "
    "\"line\": 41}},\n"
    "  {\"kind\": \"balance\", \"line\": \"exercisable\", \"award\": \"other\", \"award_type\": "
    "\"RSU\", \"period\": {\"instant\": \"2018-12-31\"}, \"quantity\": \"price\", \"value\": "
    "\"8.40\"}\n"
    " ]}";

START_TEST(test_read_other_statements)
{
    rc_model *model = read_ok(other_statements_model);
    const rc_rollforward *rf = rc_model_get(model, 0);
    rc_day end = day("2018-12-31");
    /* ranges: their kinds and the roll-forward's scales; as of the end */
    ck_assert_uint_eq(rf->nranges, 2);
    const rc_range *g = &rf->ranges[0];
    ck_assert_str_eq(g->label, "$5.00 - $10.00");
    value_is(g->low, "5");
    ck_assert_int_eq(g->low->kind, RC_KIND_PRICE);
    ck_assert_int_eq(g->low->value.decimals, 2);
    value_is(g->high, "10");
    value_is(g->count, "600000");
    ck_assert_int_eq(g->count->kind, RC_KIND_COUNT);
    ck_assert_int_eq(g->count->value.decimals, -3);
    value_is(g->price, "8.5");
    value_is(g->term, "4.2");
    ck_assert_int_eq(g->term->kind, RC_KIND_TERM);
    value_is(g->aiv, "3900000");
    ck_assert_int_eq(g->aiv->kind, RC_KIND_MONEY);
    value_is(g->exercisable_count, "500000");
    value_is(g->exercisable_price, "8.4");
    value_is(g->exercisable_term, "3");
    ck_assert_int_eq(g->count->start, RC_NO_DATE);
    ck_assert_int_eq(g->count->end, end);
    g = &rf->ranges[1];
    ck_assert_ptr_null(g->label);
    ck_assert_ptr_null(g->high); /* "and over" */
    value_is(g->count, "500");
    ck_assert_ptr_null(g->aiv);
    /* the other statements: a count and money of the period */
    const rc_fact *f = rf->issued_on_exercise;
    value_is(f, "90000");
    ck_assert_int_eq(f->kind, RC_KIND_COUNT);
    ck_assert_str_eq(f->concept, "us-gaap:StockIssuedDuringPeriodSharesStockOptionsExercised");
    ck_assert_int_eq(f->start, day("2018-01-01"));
    ck_assert_int_eq(f->end, end);
    f = rf->exercise_proceeds;
    value_is(f, "600"); /* "0.6" in thousands */
    ck_assert_int_eq(f->kind, RC_KIND_MONEY);
    ck_assert_int_eq(f->value.decimals, -2);
    ck_assert_int_eq(f->start, day("2018-01-01"));
    /* statements */
    ck_assert_uint_eq(rc_model_statement_count(model), 3);
    const rc_statement *st = rc_model_statement(model, 0);
    ck_assert_int_eq(st->kind, RC_STMT_SHARE_PRICE);
    ck_assert_int_eq(st->award, -1);
    ck_assert_int_eq(st->start, RC_NO_DATE);
    ck_assert_int_eq(st->end, end);
    value_is(st->value, "15");
    ck_assert_int_eq(st->value->kind, RC_KIND_PRICE);
    ck_assert_int_eq(st->value->end, end);
    ck_assert_str_eq(st->text, "The market value of the stock was $15.00 at December 31, 2018.");
    ck_assert_str_eq(st->src.file, "note.htm");
    ck_assert_uint_eq(st->src.line, 40);
    ck_assert_uint_eq(st->src.col, 3);
    st = rc_model_statement(model, 1);
    ck_assert_int_eq(st->kind, RC_STMT_MOVEMENT);
    ck_assert_int_eq(st->role, RC_ROLE_GRANTED);
    ck_assert_int_eq(st->award, RC_AWARD_OPTIONS);
    ck_assert_int_eq(st->start, day("2018-01-01"));
    value_is(st->value, "200000"); /* no scale: statements are not in the table's */
    ck_assert_int_eq(st->value->kind, RC_KIND_COUNT);
    st = rc_model_statement(model, 2);
    ck_assert_int_eq(st->kind, RC_STMT_BALANCE);
    ck_assert_int_eq(st->line, RC_LINE_EXERCISABLE);
    ck_assert_int_eq(st->award, RC_AWARD_OTHER);
    ck_assert_str_eq(st->award_type, "RSU");
    ck_assert_int_eq(st->value->kind, RC_KIND_PRICE); /* "quantity" */
    ck_assert_ptr_null(st->text);
    /* no source: the statement is where it is written */
    ck_assert_str_eq(st->src.file, "m.json");
    ck_assert_uint_eq(st->src.line, 17);
    ck_assert_uint_eq(st->src.col, 3);

    /* finishing matches them: the share price to the roll-forward of the note it came
     * from (its source, as a model JSON keeps it), the grant to it too; the RSU row to none */
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_eq(rc_model_finish(model, ctx), 0);
    rc_ctx_free(ctx);
    rf = rc_model_get(model, 0);
    ck_assert_ptr_eq(rc_model_statement(model, 0)->rf, rf);
    value_is(rf->share_price, "15");
    ck_assert_uint_eq(rf->share_price->src.line, 15); /* the value's own place */
    ck_assert_ptr_null(rf->share_price->dup);
    ck_assert_ptr_eq(rc_model_statement(model, 1)->rf, rf);
    ck_assert_ptr_null(rc_model_statement(model, 2)->rf);
    ck_assert_uint_eq(rf->nstatements, 1);
    ck_assert_ptr_eq(rf->statements[0], rc_model_statement(model, 1));
    rc_model_free(model);
}
END_TEST

/* ---- errors ------------------------------------------------------------------- */

#define ALLOWED_RF                                                                                 \
    "allowed here: entity, award, award_type, members, currency, period, signs, scale, source, "   \
    "opening, closing, exercisable, vested_expected, movements, share_price, contractual_term, "   \
    "ranges, issued_on_exercise, exercise_proceeds, caveat, ambiguous, and comments starting "     \
    "with '_'"
#define ROLES                                                                                      \
    "granted, assumed, exercised, vested, forfeited, expired, cancelled, forfeited_expired, "      \
    "adjusted, other"

START_TEST(test_errors_fields)
{
    read_fails(RF("\"closeing\": {\"count\": \"1\"}"),
               "m.json:3:1: error: unknown field 'closeing' in a roll-forward (did you mean "
               "'closing'?); " ALLOWED_RF);
    read_fails(RF("\"notes\": \"x\""),
               "m.json:3:1: error: unknown field 'notes' in a roll-forward; " ALLOWED_RF);
    read_fails(RF("\"closing\": {\"cuont\": \"1\"}"),
               "m.json:3:13: error: unknown field 'cuont' in the 'closing' row (did you mean "
               "'count'?); allowed here: count, price, fair_value, aiv, term, and comments "
               "starting with '_'");
    read_fails(RF("\"movements\": [{\"role\": \"granted\", \"prize\": \"1\"}]"),
               "m.json:3:35: error: unknown field 'prize' in a movement (did you mean 'price'?); "
               "allowed here: role, direction, label, count, price, fair_value, and comments "
               "starting with '_'");
    read_fails(RF("\"closing\": {\"count\": {\"value\": \"1\", \"decimal\": 0}}"),
               "m.json:3:37: error: unknown field 'decimal' in a value (did you mean "
               "'decimals'?); allowed here: value, scale, decimals, shown, currency, concept, "
               "label, source, filing, duplicates, period, and comments starting with '_'");
    read_fails(RF("\"closing\": {\"count\": \"1\"}, \"closing\": {\"count\": \"2\"}"),
               "m.json:3:28: error: field 'closing' given twice in a roll-forward (first on line "
               "3)");
    read_fails(RF("\"closing\": {\"count\": \"1\",\n\"count\": \"2\"}"),
               "m.json:4:1: error: field 'count' given twice in the 'closing' row (first on line "
               "3)");
    read_fails(HEAD "\"period\": {\"start\": \"2021-01-01\", \"end\": \"2021-12-31\"}}]}",
               "m.json:1:55: error: missing field 'award' in a roll-forward (\"options\" or "
               "\"other\")");
    read_fails(HEAD "\"award\": \"options\"}]}",
               "m.json:1:55: error: missing field 'period' in a roll-forward ({\"start\": "
               "\"YYYY-MM-DD\", \"end\": \"YYYY-MM-DD\"})");
    read_fails(RF("\"closing\": {\"count\": {\"label\": \"x\"}}"),
               "m.json:3:22: error: missing field 'value' in a value (the number as written)");
    read_fails(RF("\"movements\": [{\"count\": \"1\"}]"),
               "m.json:3:15: error: missing field 'role' in a movement (one of: " ROLES ")");
    read_fails(RF("\"source\": {\"line\": 3}"),
               "m.json:3:11: error: missing field 'file' in 'source' (the file the value was read "
               "from)");
}
END_TEST

START_TEST(test_errors_values)
{
    /* a number that does not parse: at the very character */
    read_fails(RF("\"closing\": {\"count\": \"1,2,3\"}"),
               "m.json:3:26: error: bad number '1,2,3': digit grouping must be in groups of "
               "three");
    read_fails(RF("\"closing\": {\"price\": \"12..5\"}"),
               "m.json:3:26: error: bad number '12..5': unexpected second '.'");
    read_fails(RF("\"closing\": {\"price\": {\"value\": \"$1.5\"}}"),
               "m.json:3:33: error: bad number '$1.5': expected a digit");
    /* with an escape in the string, at the string */
    read_fails(RF("\"closing\": {\"count\": \"1\\u002c2,3\"}"),
               "m.json:3:22: error: bad number '1,2,3': digit grouping must be in groups of "
               "three");
    read_fails(RF("\"closing\": {\"term\": \"five years\"}"),
               "m.json:3:21: error: bad term 'five years': not a duration: expected e.g. P4Y6M7D, "
               "'4 years 6 months 7 days' or a number of years");
    read_fails(RF("\"closing\": {\"term\": {\"value\": \"5\", \"scale\": 3}}"),
               "m.json:3:36: error: a term takes no 'scale'");
    read_fails(RF("\"closing\": {\"count\": true}"),
               "m.json:3:22: error: a value must be a string, a number or an object {\"value\": "
               "...}, not true");
    read_fails(RF("\"closing\": {\"count\": {\"value\": [1]}}"),
               "m.json:3:32: error: a value must be a string or a number, not an array");
    read_fails(RF("\"closing\": {\"count\": {\"value\": \"1\", \"decimals\": 1.5}}"),
               "m.json:3:49: error: 'decimals' must be a whole number, not 1.5");
    read_fails(RF("\"closing\": {\"count\": {\"value\": \"1\", \"decimals\": \"inf\"}}"),
               "m.json:3:49: error: 'decimals' must be a whole number or \"INF\", not a string");
    read_fails(RF("\"closing\": {\"count\": {\"value\": \"1\", \"scale\": 1000}}"),
               "m.json:3:46: error: 'scale' must be from -100 to 100");
    read_fails(RF("\"scale\": {\"money\": 3.0}"),
               "m.json:3:20: error: 'money' must be a whole number, not 3.0");
    read_fails(RF("\"closing\": {\"count\": {\"value\": \"1\", \"duplicates\": [{\"value\": \"1\", "
                  "\"duplicates\": []}]}}"),
               "m.json:3:67: error: a duplicate cannot have duplicates of its own: list them all "
               "in the first value's 'duplicates'");
    read_fails(RF("\"closing\": {\"count\": {\"value\": \"1\", \"duplicates\": \"2\"}}"),
               "m.json:3:51: error: 'duplicates' must be an array of values, not a string");
    read_fails(RF("\"closing\": {\"count\": {\"value\": \"1\", \"period\": {\"instant\": "
                  "\"2021-12-31\", \"end\": \"2021-12-31\"}}}"),
               "m.json:3:73: error: a period is either an 'instant' or a 'start' and an 'end', "
               "not both");
    read_fails(RF("\"closing\": {\"count\": {\"value\": \"1\", \"period\": {\"end\": "
                  "\"2021-12-31\"}}}"),
               "m.json:3:47: error: missing field 'start' in a value's 'period' (a period is "
               "{\"start\", \"end\"} or {\"instant\"})");
}
END_TEST

START_TEST(test_errors_rollforward)
{
    read_fails(RF("\"entity\": 12"), "m.json:3:11: error: 'entity' must be a string, not a number");
    read_fails(RF("\"award_type\": \"\""),
               "m.json:3:15: error: 'award_type' must not be empty (leave the field out instead)");
    read_fails(RF("\"members\": \"A\""),
               "m.json:3:12: error: 'members' must be an array of strings, not a string");
    read_fails(RF("\"members\": [\"A\", 2]"), "m.json:3:18: error: a member must be a string, "
                                              "not a number");
    read_fails(RF("\"members\": [\"A\", \"B\", \"A\"]"),
               "m.json:3:23: error: member 'A' listed twice");
    read_fails(RF("\"currency\": \"usd\""),
               "m.json:3:13: error: bad currency 'usd': expected an ISO 4217 code of three "
               "capital letters, like \"USD\"");
    read_fails(RF("\"signs\": \"shown\""),
               "m.json:3:10: error: 'signs' must be \"displayed\" or \"stored\"");
    read_fails(RF("\"closing\": []"), "m.json:3:12: error: 'closing' must be an object, not an "
                                      "array");
    read_fails(RF("\"movements\": {}"),
               "m.json:3:14: error: 'movements' must be an array, not an object");
    read_fails(RF("\"movements\": [3]"),
               "m.json:3:15: error: a movement must be an object, not a number");
    read_fails(
        RF("\"movements\": [{\"role\": \"forfieted\"}]"),
        "m.json:3:24: error: unknown role 'forfieted' (did you mean 'forfeited'?); roles: " ROLES);
    read_fails(RF("\"movements\": [{\"role\": \"bought back\"}]"),
               "m.json:3:24: error: unknown role 'bought back'; roles: " ROLES);
    read_fails(RF("\"movements\": [{\"role\": \"granted\", \"direction\": \"-\"}]"),
               "m.json:3:48: error: 'direction' \"-\" contradicts role 'granted', which always "
               "adds");
    read_fails(RF("\"movements\": [{\"role\": \"expired\", \"direction\": \"+\"}]"),
               "m.json:3:48: error: 'direction' \"+\" contradicts role 'expired', which always "
               "deducts");
    read_fails(RF("\"movements\": [{\"role\": \"other\", \"direction\": \"up\"}]"),
               "m.json:3:46: error: 'direction' must be \"+\" or \"-\"");
    read_fails(RF("\"source\": {\"file\": \"R2.htm\", \"line\": -1}"),
               "m.json:3:38: error: 'line' must be from 0 to 2147483647");
    /* dates */
    read_fails(HEAD "\"award\": \"options\",\n\"period\": {\"start\": \"2021-01-01\", \"end\": "
                    "\"2021-13-01\"}}]}",
               "m.json:3:42: error: bad date '2021-13-01' in 'end': expected a calendar date as "
               "YYYY-MM-DD");
    read_fails(HEAD "\"award\": \"options\",\n\"period\": {\"start\": \"2021-02-29\", \"end\": "
                    "\"2021-12-31\"}}]}",
               "m.json:3:21: error: bad date '2021-02-29' in 'start': expected a calendar date as "
               "YYYY-MM-DD");
    read_fails(HEAD "\"award\": \"options\",\n\"period\": {\"start\": \"2021-12-31\", \"end\": "
                    "\"2021-01-01\"}}]}",
               "m.json:3:42: error: the period ends on 2021-01-01, before it starts on "
               "2021-12-31");
    read_fails(
        HEAD
        "\"award\": \"options\",\n\"period\": {\"start\": 20210101, \"end\": \"2021-12-31\"}}]}",
        "m.json:3:21: error: 'start' must be a date string \"YYYY-MM-DD\", not a number");
    read_fails(HEAD "\"award\": \"option\",\n\"period\": {}}]}",
               "m.json:2:10: error: unknown award 'option': expected \"options\" or \"other\"");
}
END_TEST

START_TEST(test_errors_document)
{
    read_fails("{\"rollcheck\": \"model\", \"version\": 1}",
               "m.json:1:1: error: missing field 'rollforwards' at the top level (an array, which "
               "may be empty)");
    read_fails("{\"rollcheck\": \"model\", \"rollforwards\": []}",
               "m.json:1:1: error: missing field 'version' at the top level (\"version\": 1)");
    read_fails("{\"version\": 1, \"rollforwards\": []}",
               "m.json:1:1: error: missing field 'rollcheck' at the top level (a model JSON "
               "document starts with \"rollcheck\": \"model\")");
    read_fails("{\"rollcheck\": \"model\", \"version\": 2, \"rollforwards\": []}",
               "m.json:1:35: error: model JSON version 2 is not supported: this rollcheck reads "
               "version 1");
    read_fails("{\"rollcheck\": \"model\", \"version\": \"1\", \"rollforwards\": []}",
               "m.json:1:35: error: 'version' must be the number 1, not a string");
    read_fails("{\"rollcheck\": true, \"version\": 1, \"rollforwards\": []}",
               "m.json:1:15: error: 'rollcheck' must be \"model\", not true");
    read_fails("{\"rollcheck\": \"model\", \"version\": 1, \"rollforwards\": {}}",
               "m.json:1:54: error: 'rollforwards' must be an array, not an object");
    read_fails("{\"rollcheck\": \"model\", \"version\": 1, \"rollforwards\": [], \"extra\": 1}",
               "m.json:1:58: error: unknown field 'extra' at the top level; allowed here: "
               "rollcheck, version, source, rollforwards, statements, and comments starting with "
               "'_'");
    read_fails("{\"rollcheck\": \"model\", \"version\": 1, \"source\": {}, \"rollforwards\": []}",
               "m.json:1:48: error: 'source' must be a string (free text), not an object");
    read_fails("{\"rollcheck\": \"model\", \"version\": 1, \"rollforwards\": [\"x\"]}",
               "m.json:1:55: error: a roll-forward must be an object, not a string");
    read_fails("[1]", "m.json:1:1: error: a model JSON document must be an object, not an array");
    read_fails("{\"rollcheck\": \"model\",\n}", "m.json:2:1: error: invalid JSON");
    read_fails("{\"rollcheck\": \"model\", \"version\": 1, \"rollforwards\": [",
               "m.json:1:54: error: invalid JSON");
    read_fails("", "m.json:1:1: error: invalid JSON: unexpected end of input");
}
END_TEST

#define DOC(rf_body, statements)                                                                   \
    "{\"rollcheck\": \"model\", \"version\": 1, \"rollforwards\": [{\"award\": \"options\", "      \
    "\"period\": {\"start\": \"2021-01-01\", \"end\": \"2021-12-31\"}" rf_body "}],\n"             \
    "\"statements\": [" statements "]}"

START_TEST(test_errors_other_statements)
{
    read_fails(RF("\"ranges\": {}"),
               "m.json:3:11: error: 'ranges' must be an array, not an object");
    read_fails(RF("\"ranges\": [{\"lo\": \"1\"}]"),
               "m.json:3:13: error: unknown field 'lo' in a range (did you mean 'low'?); allowed "
               "here: label, low, high, count, price, term, aiv, exercisable_count, "
               "exercisable_price, exercisable_term, and comments starting with '_'");
    read_fails(RF("\"ranges\": [{\"high\": \"ten\"}]"),
               "m.json:3:22: error: bad number 'ten': expected a digit");
    read_fails(RF("\"ranges\": [{\"term\": \"long\"}]"),
               "m.json:3:21: error: bad term 'long': not a duration: expected e.g. P4Y6M7D, "
               "'4 years 6 months 7 days' or a number of years");
    read_fails(RF("\"issued_on_exercise\": [1]"),
               "m.json:3:23: error: a value must be a string, a number or an object {\"value\": "
               "...}, not an array");
    read_fails(RF("\"exercise_proceeds\": \"1,2\""),
               "m.json:3:25: error: bad number '1,2': digit grouping must be in groups of three");
    read_fails("{\"rollcheck\": \"model\", \"version\": 1, \"rollforwards\": [], \"statements\": "
               "{}}",
               "m.json:1:72: error: 'statements' must be an array, not an object");
    read_fails(DOC("", "3"), "m.json:2:16: error: a statement must be an object, not a number");
    read_fails(DOC("", "{\"value\": \"1\"}"),
               "m.json:2:16: error: missing field 'kind' in a statement (\"movement\", \"balance\" "
               "or \"share_price\")");
    read_fails(DOC("", "{\"kind\": \"movment\", \"value\": \"1\"}"),
               "m.json:2:25: error: unknown kind 'movment' (did you mean 'movement'?); one of: "
               "movement, balance, share_price");
    read_fails(DOC("", "{\"kind\": 1}"),
               "m.json:2:25: error: 'kind' must be one of movement, balance, share_price, not a "
               "number");
    read_fails(DOC("", "{\"kind\": \"movement\", \"value\": \"1\"}"),
               "m.json:2:16: error: missing field 'role' in a statement (the movement it states)");
    read_fails(DOC("", "{\"kind\": \"balance\", \"value\": \"1\"}"),
               "m.json:2:16: error: missing field 'line' in a statement (the balance row it "
               "states)");
    read_fails(DOC("", "{\"kind\": \"balance\", \"line\": \"closing\", \"role\": \"granted\", "
                       "\"value\": \"1\"}"),
               "m.json:2:55: error: 'role' is for a statement of kind \"movement\"");
    read_fails(DOC("", "{\"kind\": \"share_price\", \"line\": \"closing\", \"value\": \"1\"}"),
               "m.json:2:40: error: 'line' is for a statement of kind \"balance\"");
    read_fails(DOC("", "{\"kind\": \"share_price\"}"),
               "m.json:2:16: error: missing field 'value' in a statement (the number stated)");
    read_fails(DOC("", "{\"kind\": \"movement\", \"role\": \"bought\", \"value\": \"1\"}"),
               "m.json:2:45: error: unknown role 'bought'; one of: " ROLES);
    read_fails(DOC("", "{\"kind\": \"balance\", \"line\": \"closeing\", \"value\": \"1\"}"),
               "m.json:2:44: error: unknown line 'closeing' (did you mean 'closing'?); one of: "
               "opening, closing, exercisable, vested_expected");
    read_fails(DOC("", "{\"kind\": \"share_price\", \"award\": \"rsu\", \"value\": \"1\"}"),
               "m.json:2:49: error: unknown award 'rsu'; one of: options, other");
    read_fails(DOC("", "{\"kind\": \"share_price\", \"quantity\": \"shares\", \"value\": \"1\"}"),
               "m.json:2:52: error: unknown quantity 'shares'; one of: count, price, money, term, "
               "pure");
    read_fails(DOC("", "{\"kind\": \"share_price\", \"value\": \"1\", \"sentence\": \"x\"}"),
               "m.json:2:54: error: unknown field 'sentence' in a statement; allowed here: kind, "
               "role, line, award, award_type, period, quantity, value, text, source, and "
               "comments starting with '_'");
    read_fails(DOC("", "{\"kind\": \"share_price\", \"value\": \"$1\"}"),
               "m.json:2:50: error: bad number '$1': expected a digit");
    read_fails(DOC("", "{\"kind\": \"share_price\", \"value\": \"1\", \"text\": \"\"}"),
               "m.json:2:62: error: 'text' must not be empty (leave the field out instead)");
    read_fails(DOC("", "{\"kind\": \"share_price\", \"value\": \"1\", \"period\": {\"end\": "
                       "\"2021-12-31\"}}"),
               "m.json:2:64: error: missing field 'start' in a value's 'period' (a period is "
               "{\"start\", \"end\"} or {\"instant\"})");
}
END_TEST

START_TEST(test_error_caret)
{
    rc_model *model;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_model_new(&model), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_eq(read_json(model, ctx, "m.json", RF("\"closing\": {\"count\": \"12x\"}")),
                     RC_ESYNTAX);
    ck_assert_str_eq(rc_ctx_error(ctx), "m.json:3:25: error: bad number '12x': unexpected "
                                        "character in a number");
    ck_assert_str_eq(rc_ctx_detail(ctx), "  \"closing\": {\"count\": \"12x\"}\n"
                                         "                          ^");
    rc_ctx_free(ctx);
    rc_model_free(model);
}
END_TEST

/* ---- writing and the round trip ----------------------------------------------- */

static bool same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Two fact chains are the same facts. */
static void same_facts(const rc_fact *a, const rc_fact *b, const char *where)
{
    for (int k = 0; a || b; k++, a = a->dup, b = b->dup) {
        ck_assert_msg(a && b, "%s: duplicate %d is missing on one side", where, k);
        char *qa = q_text(a->value.q), *qb = q_text(b->value.q);
        ck_assert_msg(mpq_equal(a->value.q, b->value.q), "%s #%d: value %s vs %s", where, k, qa,
                      qb);
        free(qa);
        free(qb);
        ck_assert_msg(a->value.decimals == b->value.decimals, "%s #%d: decimals %d vs %d", where, k,
                      a->value.decimals, b->value.decimals);
        ck_assert_msg(a->value.shown == b->value.shown, "%s #%d: shown %d vs %d", where, k,
                      a->value.shown, b->value.shown);
        ck_assert_msg(a->kind == b->kind, "%s #%d: kind", where, k);
        ck_assert_msg(same_str(a->currency, b->currency), "%s #%d: currency", where, k);
        ck_assert_msg(same_str(a->text, b->text), "%s #%d: text", where, k);
        ck_assert_msg(same_str(a->concept, b->concept), "%s #%d: concept", where, k);
        ck_assert_msg(same_str(a->label, b->label), "%s #%d: label %s vs %s", where, k,
                      a->label ? a->label : "(null)", b->label ? b->label : "(null)");
        ck_assert_msg(same_str(a->src.file, b->src.file) && a->src.line == b->src.line &&
                          a->src.col == b->src.col && same_str(a->src.id, b->src.id),
                      "%s #%d: source %s:%u:%u vs %s:%u:%u", where, k, a->src.file, a->src.line,
                      a->src.col, b->src.file, b->src.line, b->src.col);
        ck_assert_msg(a->start == b->start && a->end == b->end, "%s #%d: period", where, k);
        ck_assert_msg(same_str(a->filing, b->filing), "%s #%d: filing", where, k);
    }
}

static void same_model(const rc_model *a, const rc_model *b)
{
    ck_assert_uint_eq(rc_model_count(a), rc_model_count(b));
    for (size_t i = 0; i < rc_model_count(a); i++) {
        const rc_rollforward *x = rc_model_get(a, i), *y = rc_model_get(b, i);
        char where[256];
        ck_assert(same_str(x->entity, y->entity));
        ck_assert_int_eq(x->award, y->award);
        ck_assert(same_str(x->award_type, y->award_type));
        ck_assert_uint_eq(x->nmembers, y->nmembers);
        for (size_t k = 0; k < x->nmembers; k++)
            ck_assert_str_eq(x->members[k], y->members[k]);
        ck_assert(same_str(x->currency, y->currency));
        ck_assert_int_eq(x->start, y->start);
        ck_assert_int_eq(x->end, y->end);
        ck_assert_int_eq(x->signs, y->signs);
        ck_assert(same_str(x->src.file, y->src.file));
        ck_assert_uint_eq(x->src.line, y->src.line);
        ck_assert_uint_eq(x->src.col, y->src.col);
        ck_assert(same_str(x->src.id, y->src.id));
        ck_assert(same_str(x->caveat, y->caveat));
        ck_assert_uint_eq(x->flags & RC_RF_AMBIGUOUS, y->flags & RC_RF_AMBIGUOUS);
        ck_assert(same_str(x->why_ambiguous, y->why_ambiguous));
        for (int l = 0; l < RC_LINE__COUNT; l++) {
            const rc_balance *p = &x->lines[l], *q = &y->lines[l];
            snprintf(where, sizeof where, "rf %zu %s", i, rc_line_name((rc_line)l));
            same_facts(p->count, q->count, where);
            same_facts(p->price, q->price, where);
            same_facts(p->fair_value, q->fair_value, where);
            same_facts(p->aiv, q->aiv, where);
            same_facts(p->term, q->term, where);
        }
        ck_assert_uint_eq(x->nmovements, y->nmovements);
        for (size_t k = 0; k < x->nmovements; k++) {
            const rc_movement *p = &x->movements[k], *q = &y->movements[k];
            snprintf(where, sizeof where, "rf %zu movement %zu", i, k);
            ck_assert_int_eq(p->role, q->role);
            ck_assert_int_eq(p->direction, q->direction);
            ck_assert(same_str(p->label, q->label));
            same_facts(p->count, q->count, where);
            same_facts(p->price, q->price, where);
            same_facts(p->fair_value, q->fair_value, where);
        }
        snprintf(where, sizeof where, "rf %zu", i);
        same_facts(x->share_price, y->share_price, where);
        same_facts(x->contractual_term, y->contractual_term, where);
        same_facts(x->issued_on_exercise, y->issued_on_exercise, where);
        same_facts(x->exercise_proceeds, y->exercise_proceeds, where);
        ck_assert_uint_eq(x->nranges, y->nranges);
        for (size_t k = 0; k < x->nranges; k++) {
            const rc_range *p = &x->ranges[k], *q = &y->ranges[k];
            snprintf(where, sizeof where, "rf %zu range %zu", i, k);
            ck_assert(same_str(p->label, q->label));
            same_facts(p->low, q->low, where);
            same_facts(p->high, q->high, where);
            same_facts(p->count, q->count, where);
            same_facts(p->price, q->price, where);
            same_facts(p->term, q->term, where);
            same_facts(p->aiv, q->aiv, where);
            same_facts(p->exercisable_count, q->exercisable_count, where);
            same_facts(p->exercisable_price, q->exercisable_price, where);
            same_facts(p->exercisable_term, q->exercisable_term, where);
        }
        ck_assert_uint_eq(x->nstatements, y->nstatements);
    }
    ck_assert_uint_eq(rc_model_statement_count(a), rc_model_statement_count(b));
    for (size_t i = 0; i < rc_model_statement_count(a); i++) {
        const rc_statement *p = rc_model_statement(a, i), *q = rc_model_statement(b, i);
        char where[64];
        snprintf(where, sizeof where, "statement %zu", i);
        ck_assert_int_eq(p->kind, q->kind);
        ck_assert_int_eq(p->role, q->role);
        ck_assert_int_eq(p->line, q->line);
        ck_assert_int_eq(p->award, q->award);
        ck_assert(same_str(p->award_type, q->award_type));
        ck_assert_int_eq(p->start, q->start);
        ck_assert_int_eq(p->end, q->end);
        ck_assert(same_str(p->text, q->text));
        ck_assert(same_str(p->src.file, q->src.file) && p->src.line == q->src.line &&
                  p->src.col == q->src.col && same_str(p->src.id, q->src.id));
        same_facts(p->value, q->value, where);
        /* matched to the same roll-forward (by its place in the model) */
        ck_assert_int_eq(!p->rf, !q->rf);
        for (size_t k = 0; p->rf && k < rc_model_count(a); k++)
            ck_assert_int_eq(rc_model_get(a, k) == p->rf, rc_model_get(b, k) == q->rf);
    }
}

/* The default rules find the same on both models: rule, severity, place, numbers,
 * message, note. */
static void same_findings(const rc_model *a, const rc_model *b)
{
    rc_ruleset *rules;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_eq(rc_ruleset_new(&rules), 0);
    ck_assert_msg(rc_ruleset_load_dir(rules, RC_SOURCE_DIR "/rules", ctx) == 0, "%s",
                  rc_ctx_error(ctx));
    rc_results *ra, *rb;
    ck_assert_int_eq(rc_check(rules, a, &ra, ctx), 0);
    ck_assert_int_eq(rc_check(rules, b, &rb, ctx), 0);
    rc_summary sa, sb;
    rc_results_summary(ra, &sa);
    rc_results_summary(rb, &sb);
    ck_assert_uint_eq(sa.checks, sb.checks);
    ck_assert_uint_eq(sa.passed, sb.passed);
    ck_assert_uint_eq(sa.skipped, sb.skipped);
    ck_assert_uint_eq(rc_results_finding_count(ra), rc_results_finding_count(rb));
    for (size_t i = 0; i < rc_results_finding_count(ra); i++) {
        const rc_finding *x = rc_results_finding(ra, i), *y = rc_results_finding(rb, i);
        ck_assert_str_eq(rc_rule_id(x->rule), rc_rule_id(y->rule));
        ck_assert_int_eq(x->severity, y->severity);
        ck_assert_msg(same_str(x->where.file, y->where.file) && x->where.line == y->where.line &&
                          x->where.col == y->where.col,
                      "%s: at %s:%u, then %s:%u", rc_rule_id(x->rule), x->where.file, x->where.line,
                      y->where.file, y->where.line);
        ck_assert_str_eq(x->quantity, y->quantity);
        ck_assert(mpq_equal(x->reported, y->reported));
        ck_assert(mpq_equal(x->expected.lo, y->expected.lo));
        ck_assert(mpq_equal(x->expected.hi, y->expected.hi));
        ck_assert_str_eq(x->message, y->message);
        ck_assert(same_str(x->note, y->note));
    }
    rc_results_free(ra);
    rc_results_free(rb);
    rc_ruleset_free(rules);
    rc_ctx_free(ctx);
}

/* read -> finish -> write -> read -> finish -> write: the same bytes, and the
 * same facts on both reads. */
static void round_trip(const char *name, const char *json)
{
    rc_model *m1, *m2;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_eq(rc_model_new(&m1), 0);
    ck_assert_msg(read_json(m1, ctx, name, json) == 0, "%s", rc_ctx_error(ctx));
    ck_assert_int_eq(rc_model_finish(m1, ctx), 0);
    char *first = write_model(m1);
    ck_assert_int_eq(rc_model_new(&m2), 0);
    ck_assert_msg(read_json(m2, ctx, "extract.json", first) == 0, "%s\n%s", rc_ctx_error(ctx),
                  first);
    ck_assert_int_eq(rc_model_finish(m2, ctx), 0);
    char *second = write_model(m2);
    ck_assert_msg(strcmp(first, second) == 0, "%s: the second write differs:\n%s\n----\n%s", name,
                  first, second);
    same_model(m1, m2);
    same_findings(m1, m2);
    free(first);
    free(second);
    rc_model_free(m1);
    rc_model_free(m2);
    rc_ctx_free(ctx);
}

static const char *rich_model =
    "{\"rollcheck\": \"model\", \"version\": 1, \"rollforwards\": [\n"
    "{\"entity\": \"ACME \\\"Corp\\\"\", \"award\": \"options\", \"members\": [\"Plan \\\\ 2\", "
    "\"Plan\\n1\"],\n"
    " \"currency\": \"USD\", \"period\": {\"start\": \"2021-01-01\", \"end\": \"2021-12-31\"},\n"
    " \"scale\": {\"money\": 3, \"count\": 0},\n"
    " \"opening\": {\"count\": \"7,505,477\", \"price\": 0.28, \"aiv\": \"1,056\", \"term\": "
    "\"8 years 18 days\"},\n"
    " \"movements\": [\n"
    "  {\"role\": \"forfeited\", \"label\": \"Forfeited \\u00e9\\t\\u0001\", \"count\": "
    "{\"value\": \"(45,227)\", \"duplicates\": [\"(45,227)\", {\"value\": \"45\", \"scale\": 3, "
    "\"decimals\": 0, \"label\": \"Other\"}]}, \"price\": \"0.29\"},\n"
    "  {\"role\": \"other\", \"label\": \"Transfers\", \"count\": \"1.2E3\"},\n"
    "  {\"role\": \"adjusted\", \"direction\": \"-\", \"count\": \"(3)\"}\n"
    " ],\n"
    " \"closing\": {\"count\": {\"value\": \"7,461,450\", \"concept\": \"us-gaap:Options\", "
    "\"source\": {\"file\": \"R20.htm\", \"line\": 12, \"col\": 3, \"id\": \"f-1\"}}, "
    "\"price\": {\"value\": \"5.877\", \"decimals\": \"INF\", \"currency\": \"CNY\"}, "
    "\"aiv\": {\"value\": \"2,255\", \"period\": {\"instant\": \"2021-06-30\"}}, \"term\": "
    "\"P7Y7M24D\"},\n"
    " \"exercisable\": {\"count\": \"\xe2\x80\x94\"},\n"
    " \"share_price\": {\"value\": \"25.00%\", \"scale\": 2},\n"
    " \"contractual_term\": {\"value\": \"10 years\", \"period\": {\"start\": \"2021-03-01\", "
    "\"end\": \"2021-12-31\"}}},\n"
    "{\"entity\": \"ACME \\\"Corp\\\"\", \"award\": \"options\", \"members\": [\"Plan \\\\ 2\", "
    "\"Plan\\n1\"],\n"
    " \"period\": {\"start\": \"2021-01-01\", \"end\": \"2021-12-31\"},\n"
    " \"opening\": {\"count\": \"7,505,477\"}, \"closing\": {\"count\": \"7,461,450\"}},\n"
    "{\"award\": \"other\", \"award_type\": \"RSU\", \"signs\": \"stored\", \"period\": "
    "{\"start\": \"2020-01-01\", \"end\": \"2020-12-31\"},\n"
    " \"source\": {\"file\": \"x.htm\"},\n"
    " \"closing\": {\"count\": 5000, \"fair_value\": {\"value\": 1, \"scale\": -2}}},\n"
    "{\"award\": \"other\", \"signs\": \"stored\", \"period\": {\"start\": \"2022-01-01\", "
    "\"end\": \"2022-12-31\"},\n"
    " \"movements\": [{\"role\": \"other\", \"count\": 4}, {\"role\": \"granted\", \"count\": 5}]}"
    "\n]}";

START_TEST(test_round_trip_inline)
{
    round_trip("rich.json", rich_model);
    round_trip("full.json", full_model);
    round_trip("other.json", other_statements_model);
    /* what the writer does with the rich model's values */
    rc_model *model = read_ok(rich_model);
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_eq(rc_model_finish(model, ctx), 0);
    rc_ctx_free(ctx);
    char *out = write_model(model);
    /* the text as written, with the scale that gives the same value */
    ck_assert_ptr_nonnull(strstr(out, "\"aiv\": {\"value\": \"1,056\", \"scale\": 3, \"source\": "
                                      "{\"file\": \"m.json\", \"line\": 5, \"col\": 58}}"));
    ck_assert_ptr_nonnull(strstr(out, "{\"value\": \"45\", \"scale\": 3, \"decimals\": 0, "
                                      "\"label\": \"Other\", \"source\": "));
    ck_assert_ptr_nonnull(strstr(out, "\"price\": {\"value\": \"5.877\", \"decimals\": \"INF\", "
                                      "\"currency\": \"CNY\", \"source\": "));
    ck_assert_ptr_nonnull(strstr(out, "\"period\": {\"instant\": \"2021-06-30\"}"));
    ck_assert_ptr_nonnull(strstr(out, "\"period\": {\"start\": \"2021-03-01\", \"end\": "
                                      "\"2021-12-31\"}"));
    ck_assert_ptr_nonnull(strstr(out, "\"source\": {\"file\": \"R20.htm\", \"line\": 12, \"col\": "
                                      "3, \"id\": \"f-1\"}"));
    ck_assert_ptr_nonnull(strstr(out, "\"label\": \"Forfeited \xc3\xa9\\t\\u0001\""));
    ck_assert_ptr_nonnull(strstr(out, "\"members\": [\"Plan\\n1\", \"Plan \\\\ 2\"]"));
    ck_assert_ptr_nonnull(strstr(out, "\"entity\": \"ACME \\\"Corp\\\"\""));
    /* a signed role's direction is written, a fixed role's is not */
    ck_assert_ptr_nonnull(strstr(out, "\"role\": \"adjusted\",\n          \"direction\": \"-\""));
    ck_assert_ptr_nonnull(strstr(out, "\"role\": \"other\",\n          \"direction\": \"+\""));
    ck_assert_ptr_null(strstr(out, "\"role\": \"forfeited\",\n          \"direction\""));
    /* a stored-sign movement of a signed role with no direction has none */
    ck_assert_ptr_nonnull(strstr(out, "\"role\": \"other\",\n          \"count\": {\"value\": "
                                      "\"4\""));
    free(out);
    rc_model_free(model);
}
END_TEST

START_TEST(test_write_other_statements)
{
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_model *model = read_ok(other_statements_model);
    ck_assert_int_eq(rc_model_finish(model, ctx), 0);
    char *out = write_model(model);
    ck_assert_ptr_nonnull(strstr(out,
                                 "      \"ranges\": [\n        {\n          \"label\": \"$5.00 - "
                                 "$10.00\",\n          \"low\": {\"value\": \"5.00\", "));
    /* an open range: no high, and a count of its own scale */
    ck_assert_ptr_nonnull(strstr(out,
                                 "        {\n          \"low\": {\"value\": \"10.01\", \"source\": "
                                 "{\"file\": \"m.json\", \"line\": 11, \"col\": 22}},\n"
                                 "          \"count\": {\"value\": \"500\", \"source\""));
    ck_assert_ptr_nonnull(strstr(out, "\"issued_on_exercise\": {\"value\": \"90\", \"scale\": 3, "
                                      "\"concept\": "));
    ck_assert_ptr_nonnull(
        strstr(out, "\"exercise_proceeds\": {\"value\": \"0.6\", \"scale\": 3, "));
    ck_assert_ptr_nonnull(strstr(out,
                                 "  \"statements\": [\n    {\n      \"kind\": \"share_price\",\n"
                                 "      \"period\": {\"instant\": \"2018-12-31\"},\n"));
    ck_assert_ptr_nonnull(strstr(out, "      \"quantity\": \"price\",\n"));
    ck_assert_ptr_nonnull(strstr(out, "      \"source\": {\"file\": \"m.json\", \"line\": 17, "
                                      "\"col\": 3}\n"));
    /* the share price the statement gave the roll-forward is written with the statement */
    ck_assert_ptr_null(strstr(out, "\"share_price\": "));
    free(out);
    rc_model_free(model);

    /* beside a share price of its own, which stays */
    char json[8192];
    const char *at = strstr(other_statements_model, "  \"exercise_proceeds\"");
    ck_assert_ptr_nonnull(at);
    snprintf(json, sizeof json, "%.*s  \"share_price\": \"15.00\",\n%s",
             (int)(at - other_statements_model), other_statements_model, at);
    model = read_ok(json);
    ck_assert_int_eq(rc_model_finish(model, ctx), 0);
    const rc_rollforward *rf = rc_model_get(model, 0);
    ck_assert_ptr_nonnull(rf->share_price->dup); /* its own, then the statement's */
    out = write_model(model);
    const char *sp = strstr(out, "\"share_price\": ");
    ck_assert_ptr_nonnull(sp);
    ck_assert_ptr_null(strstr(sp + 1, "\"share_price\": "));
    ck_assert_ptr_nonnull(strstr(out,
                                 "\"share_price\": {\"value\": \"15.00\", \"source\": {\"file\": "
                                 "\"m.json\", \"line\": 13, \"col\": 18}},\n"));
    free(out);
    rc_model_free(model);
    round_trip("own-price.json", json);
    rc_ctx_free(ctx);
}
END_TEST

START_TEST(test_round_trip_samples)
{
    glob_t g;
    int rc = glob(RC_SOURCE_DIR "/samples/*.json", 0, NULL, &g);
    ck_assert_msg(rc == 0 && g.gl_pathc >= 2, "samples/*.json not found");
    for (size_t i = 0; i < g.gl_pathc; i++) {
        FILE *f = fopen(g.gl_pathv[i], "rb");
        ck_assert_ptr_nonnull(f);
        char *buf = NULL;
        size_t cap = 0, len = 0, got;
        do {
            if (len + 4096 + 1 > cap) {
                cap = (len + 4096 + 1) * 2;
                buf = realloc(buf, cap);
                ck_assert_ptr_nonnull(buf);
            }
            got = fread(buf + len, 1, 4096, f);
            len += got;
        } while (got > 0);
        fclose(f);
        buf[len] = '\0';
        const char *base = strrchr(g.gl_pathv[i], '/');
        round_trip(base ? base + 1 : g.gl_pathv[i], buf);
        free(buf);
    }
    globfree(&g);
}
END_TEST

/* A fact made by hand, as another reader would. */
static rc_fact *fact(rc_model *m, rc_kind kind, const char *text, long num, unsigned long den,
                     int decimals)
{
    rc_fact *f = rc_model_new_fact(m);
    ck_assert_ptr_nonnull(f);
    f->kind = kind;
    f->text = text;
    mpq_set_si(f->value.q, num, den);
    mpq_canonicalize(f->value.q);
    f->value.decimals = decimals;
    f->value.shown = decimals;
    return f;
}

START_TEST(test_write_by_hand)
{
    rc_model *model;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_model_new(&model), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_rollforward *rf = rc_model_add_rollforward(model);
    rf->file = "x.xml";
    rf->award = RC_AWARD_OPTIONS;
    rf->start = day("2021-01-01");
    rf->end = day("2021-12-31");
    rf->signs = RC_SIGNS_STORED;
    /* no text: the exact value, with its accuracy */
    rc_fact *f = rc_closing(rf)->price =
        fact(model, RC_KIND_PRICE, NULL, 5877, 1000, RC_DECIMALS_INF);
    f->start = RC_NO_DATE;
    f->end = rf->end;
    f->src = (rc_source){"x.xml", 40, 0, "p1"};
    /* a text that does not give the value (an XBRL sign): the exact value */
    rc_movement *mv = rc_model_add_movement(model, rf);
    mv->role = RC_ROLE_FORFEITED;
    mv->direction = -1;
    f = mv->count = fact(model, RC_KIND_COUNT, "45,227", -45227, 1, 0);
    f->start = rf->start;
    f->end = rf->end;
    /* a term with no exact decimal: rounded, with its accuracy */
    f = rc_closing(rf)->term = fact(model, RC_KIND_TERM, NULL, 7, 365, 2);
    f->end = rf->end;
    /* an unknown period is left to the slot */
    rc_opening(rf)->count = fact(model, RC_KIND_COUNT, "1,000", 1000, 1, 0);
    /* a balance alone, with a period of its own key */
    rc_rollforward *bal = rc_model_add_rollforward(model);
    bal->award = RC_AWARD_OTHER;
    bal->start = day("2020-01-01");
    bal->end = day("2020-12-31");
    f = rc_closing(bal)->count = fact(model, RC_KIND_COUNT, "12", 12, 1, 0);
    f->start = RC_NO_DATE;
    f->end = day("2020-12-31");
    ck_assert_int_eq(rc_model_finish(model, ctx), 0);
    char *out = write_model(model);
    ck_assert_str_eq(
        out, "{\n"
             "  \"rollcheck\": \"model\",\n"
             "  \"version\": 1,\n"
             "  \"rollforwards\": [\n"
             "    {\n"
             "      \"award\": \"options\",\n"
             "      \"period\": {\"start\": \"2021-01-01\", \"end\": \"2021-12-31\"},\n"
             "      \"signs\": \"stored\",\n"
             "      \"opening\": {\n"
             "        \"count\": \"1,000\"\n"
             "      },\n"
             "      \"movements\": [\n"
             "        {\n"
             "          \"role\": \"forfeited\",\n"
             "          \"count\": \"-45227\"\n"
             "        }\n"
             "      ],\n"
             "      \"closing\": {\n"
             "        \"price\": {\"value\": \"5.877\", \"decimals\": \"INF\", \"shown\": "
             "\"INF\", \"source\": {\"file\": \"x.xml\", \"line\": 40, \"id\": \"p1\"}},\n"
             "        \"term\": {\"value\": \"0.019178082192\", \"decimals\": 2, \"shown\": "
             "2}\n"
             "      }\n"
             "    },\n"
             "    {\n"
             "      \"award\": \"other\",\n"
             "      \"period\": {\"start\": \"2020-01-01\", \"end\": \"2020-12-31\"},\n"
             "      \"signs\": \"displayed\",\n"
             "      \"closing\": {\n"
             "        \"count\": \"12\"\n"
             "      }\n"
             "    }\n"
             "  ]\n"
             "}\n");
    /* and it reads back */
    rc_model *back;
    ck_assert_int_eq(rc_model_new(&back), 0);
    ck_assert_int_eq(read_json(back, ctx, "back.json", out), 0);
    const rc_rollforward *b = rc_model_get(back, 0);
    ck_assert(mpq_equal(rc_closing(b)->price->value.q, rc_closing(rf)->price->value.q));
    ck_assert_int_eq(rc_closing(b)->price->value.decimals, RC_DECIMALS_INF);
    ck_assert(mpq_equal(b->movements[0].count->value.q, mv->count->value.q));
    ck_assert_int_eq(b->movements[0].direction, -1);
    free(out);
    rc_model_free(back);

    /* an empty model */
    rc_model *empty;
    ck_assert_int_eq(rc_model_new(&empty), 0);
    ck_assert_int_eq(rc_model_finish(empty, ctx), 0);
    out = write_model(empty);
    ck_assert_str_eq(out, "{\n  \"rollcheck\": \"model\",\n  \"version\": 1,\n  \"rollforwards\": "
                          "[]\n}\n");
    ck_assert_int_eq(read_json(empty, ctx, "e.json", out), 0);
    free(out);
    rc_model_free(empty);
    rc_model_free(model);
    rc_ctx_free(ctx);
}
END_TEST

/* What other readers give a model beyond a table's text: XBRL's accuracy shown apart from its
 * text, the filing of a companyfacts value, a roll-forward's caveat, an ambiguous layout. */
START_TEST(test_write_reader_fields)
{
    rc_model *model;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_model_new(&model), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_rollforward *rf = rc_model_add_rollforward(model);
    rf->file = "x.xml";
    rf->src = (rc_source){"x.xml", 7, 0, NULL};
    rf->award = RC_AWARD_OPTIONS;
    rf->start = day("2021-01-01");
    rf->end = day("2021-12-31");
    rf->signs = RC_SIGNS_STORED;
    rf->caveat = "SEC companyfacts holds no dimensions";
    rf->flags = RC_RF_AMBIGUOUS;
    rf->why_ambiguous = "the columns of row 'Granted' are not known";
    /* "1500000" shown as "1,500" in thousands, tagged exact */
    rc_fact *f = rc_opening(rf)->count = fact(model, RC_KIND_COUNT, "1500000", 1500000, 1, 0);
    f->value.decimals = RC_DECIMALS_INF;
    f->value.shown = -3;
    f->end = rf->start - 1;
    f->src = (rc_source){"x.xml", 40, 0, "c1"};
    f->filing = "0000320193-21-000105";
    rc_movement *mv = rc_model_add_movement(model, rf);
    mv->role = RC_ROLE_GRANTED;
    mv->direction = 1;
    f = mv->count = fact(model, RC_KIND_COUNT, "100", 100, 1, 0);
    f->start = rf->start;
    f->end = rf->end;
    f->filing = "0000320193-21-000105";
    f->dup = fact(model, RC_KIND_COUNT, "100", 100, 1, 0);
    f->dup->start = rf->start;
    f->dup->end = rf->end;
    f->dup->filing = "0000320193-22-000108";
    rc_closing(rf)->count = fact(model, RC_KIND_COUNT, "1600000", 1600000, 1, 0);
    rc_closing(rf)->count->value.shown = RC_DECIMALS_INF;
    ck_assert_int_eq(rc_model_finish(model, ctx), 0);
    char *out = write_model(model);
    ck_assert_ptr_nonnull(strstr(out,
                                 "      \"caveat\": \"SEC companyfacts holds no dimensions\",\n"
                                 "      \"ambiguous\": \"the columns of row 'Granted' are not "
                                 "known\",\n"));
    ck_assert_ptr_nonnull(strstr(out,
                                 "\"count\": {\"value\": \"1500000\", \"decimals\": \"INF\", "
                                 "\"shown\": -3, \"source\": {\"file\": \"x.xml\", \"line\": "
                                 "40, \"id\": \"c1\"}, \"filing\": \"0000320193-21-000105\"}"));
    ck_assert_ptr_nonnull(strstr(out, "\"duplicates\": [{\"value\": \"100\", \"filing\": "
                                      "\"0000320193-22-000108\"}]"));
    ck_assert_ptr_nonnull(strstr(out, "\"count\": {\"value\": \"1600000\", \"shown\": \"INF\"}"));
    /* and it reads back as it was */
    rc_model *back;
    ck_assert_int_eq(rc_model_new(&back), 0);
    ck_assert_msg(read_json(back, ctx, "back.json", out) == 0, "%s", rc_ctx_error(ctx));
    const rc_rollforward *b = rc_model_get(back, 0);
    ck_assert_str_eq(b->caveat, rf->caveat);
    ck_assert(b->flags & RC_RF_AMBIGUOUS);
    ck_assert_str_eq(b->why_ambiguous, rf->why_ambiguous);
    ck_assert_int_eq(rc_opening(b)->count->value.decimals, RC_DECIMALS_INF);
    ck_assert_int_eq(rc_opening(b)->count->value.shown, -3);
    ck_assert_str_eq(rc_opening(b)->count->filing, "0000320193-21-000105");
    ck_assert_str_eq(b->movements[0].count->dup->filing, "0000320193-22-000108");
    ck_assert_int_eq(rc_closing(b)->count->value.shown, RC_DECIMALS_INF);
    rc_model_free(back);
    round_trip("reader-fields.json", out);
    free(out);
    rc_model_free(model);
    rc_ctx_free(ctx);
    read_fails(RF("\"closing\": {\"count\": {\"value\": \"1\", \"shown\": \"all\"}}"),
               "m.json:3:46: error: 'shown' must be a whole number or \"INF\", not a string");
    read_fails(RF("\"caveat\": \"\""),
               "m.json:3:11: error: 'caveat' must not be empty (leave the field out instead)");
    read_fails(RF("\"ambiguous\": true"),
               "m.json:3:14: error: 'ambiguous' must be a string, not true");
}
END_TEST

START_TEST(test_write_error)
{
    rc_model *model = read_ok(RF("\"closing\": {\"count\": \"1\"}"));
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    FILE *f = fopen("/dev/null", "r"); /* a stream that cannot be written */
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(rc_model_write_json(f, model, ctx), RC_EIO);
    ck_assert_msg(strncmp(rc_ctx_error(ctx), "error: cannot write the model JSON", 34) == 0, "%s",
                  rc_ctx_error(ctx));
    fclose(f);
    rc_ctx_free(ctx);
    rc_model_free(model);
}
END_TEST

static Suite *modeljson_suite(void)
{
    Suite *s = suite_create("modeljson");
    TCase *tc = tcase_create("read");
    tcase_add_test(tc, test_read_all_fields);
    tcase_add_test(tc, test_read_json_numbers);
    tcase_add_test(tc, test_read_scale_decimals);
    tcase_add_test(tc, test_read_periods);
    tcase_add_test(tc, test_read_directions);
    tcase_add_test(tc, test_read_duplicates);
    tcase_add_test(tc, test_read_sources);
    tcase_add_test(tc, test_read_empty_and_comments);
    tcase_add_test(tc, test_read_other_statements);
    suite_add_tcase(s, tc);
    tc = tcase_create("errors");
    tcase_add_test(tc, test_errors_fields);
    tcase_add_test(tc, test_errors_values);
    tcase_add_test(tc, test_errors_rollforward);
    tcase_add_test(tc, test_errors_document);
    tcase_add_test(tc, test_errors_other_statements);
    tcase_add_test(tc, test_error_caret);
    suite_add_tcase(s, tc);
    tc = tcase_create("write");
    tcase_add_test(tc, test_round_trip_inline);
    tcase_add_test(tc, test_round_trip_samples);
    tcase_add_test(tc, test_write_other_statements);
    tcase_add_test(tc, test_write_reader_fields);
    tcase_add_test(tc, test_write_by_hand);
    tcase_add_test(tc, test_write_error);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(modeljson_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
