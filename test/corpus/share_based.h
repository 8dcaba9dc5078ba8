/*
 * Which XBRL facts are share-based payment facts, for the tests that count or
 * compare them (test/corpus/compare_arelle.c, test/unit/check_xbrljson.c):
 * concepts the vocabulary classifies, and any concept whose local name says
 * share-based payment or stock option in one of the taxonomy's spellings.
 */
#ifndef RC_TEST_SHARE_BASED_H
#define RC_TEST_SHARE_BASED_H

#include <stdbool.h>
#include <string.h>

#include "read/classify.h"

static inline bool rc_test_share_based(const rc_vocab *vocab, const char *concept)
{
    static const char *const words[] = {"ShareBased", "Sharebased", "SharePayment", "StockOption",
                                        "EquityInstrumentsOtherThanOptions"};
    const char *colon = strchr(concept, ':');
    const char *local = colon ? colon + 1 : concept;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strstr(local, words[i])) return true;
    rc_class cls;
    return rc_classify_concept(vocab, concept, &cls);
}

#endif
