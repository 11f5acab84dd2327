// The tape reader's fast path: the same walk as JSONParser.readTape (Sources/JSONCore), in C,
// for clean documents only. Every place where the Swift reader would throw or note a text issue
// returns CTAPE_FALLBACK instead, so the Swift reader (which owns the messages) reads the
// document again: the two can only differ in speed. Strings are skimmed 16 bytes at a time
// (SSE2, the x86-64 baseline; a byte loop elsewhere).
#include "include/ctape.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

enum { KIND_NULL = 0, KIND_FALSE = 1, KIND_TRUE = 2, KIND_NUMBER = 3, KIND_STRING = 4, KIND_ARRAY = 5,
       KIND_OBJECT = 6 };

typedef struct {
    const uint8_t *bytes;
    int64_t count;
    int64_t at;
} reader;

static inline int is_space(uint8_t byte) {
    return byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09;
}

static inline void skip_space(reader *r) {
    while (r->at < r->count && is_space(r->bytes[r->at])) r->at++;
}

static inline int is_hex(uint8_t byte) {
    return (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'f') || (byte >= 'A' && byte <= 'F');
}

/// The length of the well-formed UTF-8 sequence at `at` (JSONParser.validSequenceLength), or 0.
static inline int64_t utf8_length(const uint8_t *bytes, int64_t at, int64_t end) {
    uint8_t lead = bytes[at];
    int64_t length;
    uint8_t low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead == 0xE0) {
        length = 3;
        low = 0xA0;
    } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
        length = 3;
    } else if (lead == 0xED) {
        length = 3;
        high = 0x9F;
    } else if (lead == 0xF0) {
        length = 4;
        low = 0x90;
    } else if (lead >= 0xF1 && lead <= 0xF3) {
        length = 4;
    } else if (lead == 0xF4) {
        length = 4;
        high = 0x8F;
    } else {
        return 0;
    }
    if (at + length > end) return 0;
    if (bytes[at + 1] < low || bytes[at + 1] > high) return 0;
    for (int64_t next = at + 2; next < at + length; next++) {
        if ((bytes[next] & 0xC0) != 0x80) return 0;
    }
    return length;
}

/// Reads a string from its opening quote; *start and *end bound its content. 0 when it is not
/// clean (unclosed, a bad escape, a raw control character, a byte that is not UTF-8).
// Inlined by force: it reads every key and string value, and a call each cost a tenth of the
// reader's time (measured on 20,000 generated orders).
__attribute__((always_inline)) static inline int scan_string(reader *r, int64_t *start, int64_t *end,
                                                             int *escaped) {
    const uint8_t *bytes = r->bytes;
    const int64_t count = r->count;
    int64_t at = r->at + 1;
    *start = at;
    *escaped = 0;
    while (1) {
#if defined(__SSE2__)
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        const __m128i space = _mm_set1_epi8(0x20);
        while (at + 16 <= count) {
            __m128i v = _mm_loadu_si128((const __m128i *)(bytes + at));
            // Signed: bytes 0x80–0xFF are negative, so "below 0x20" also catches them.
            __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                           _mm_cmplt_epi8(v, space));
            int mask = _mm_movemask_epi8(special);
            if (mask != 0) {
                at += __builtin_ctz((unsigned)mask);
                break;
            }
            at += 16;
        }
#endif
        if (at >= count) return 0;
        uint8_t byte = bytes[at];
        if (byte == '"') {
            *end = at;
            r->at = at + 1;
            return 1;
        }
        if (byte == '\\') {
            *escaped = 1;
            if (at + 1 >= count) return 0;
            uint8_t escape = bytes[at + 1];
            switch (escape) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                at += 2;
                break;
            case 'u':
                if (at + 6 > count || !is_hex(bytes[at + 2]) || !is_hex(bytes[at + 3]) || !is_hex(bytes[at + 4]) ||
                    !is_hex(bytes[at + 5]))
                    return 0;
                at += 6;
                break;
            default:
                return 0;
            }
            continue;
        }
        if (byte < 0x20) return 0;
        if (byte >= 0x80) {
            int64_t length = utf8_length(bytes, at, count);
            if (length == 0) return 0;
            at += length;
            continue;
        }
        at++;
    }
}

/// Reads a number (JSONParser.scanNumber's grammar); 0 when it is not one.
static inline int scan_number(reader *r) {
    const uint8_t *bytes = r->bytes;
    const int64_t count = r->count;
    int64_t at = r->at;
    if (at < count && bytes[at] == '-') at++;
    int64_t digits = at;
    while (at < count && bytes[at] >= '0' && bytes[at] <= '9') at++;
    if (at == digits) return 0;
    if (at < count && bytes[at] == '.') {
        at++;
        digits = at;
        while (at < count && bytes[at] >= '0' && bytes[at] <= '9') at++;
        if (at == digits) return 0;
    }
    if (at < count && (bytes[at] | 0x20) == 'e') {
        at++;
        if (at < count && (bytes[at] == '+' || bytes[at] == '-')) at++;
        digits = at;
        while (at < count && bytes[at] >= '0' && bytes[at] <= '9') at++;
        if (at == digits) return 0;
    }
    r->at = at;
    return 1;
}

static inline int expect_word(reader *r, const char *word, int64_t length) {
    if (r->at + length > r->count || memcmp(r->bytes + r->at, word, (size_t)length) != 0) return 0;
    r->at += length;
    return 1;
}

/// JSONTape.keySignature: the length in the top byte, the first seven bytes below it.
static inline uint64_t key_signature(const uint8_t *key, int64_t length) {
    uint64_t signature = (uint64_t)(length < 255 ? length : 255) << 56;
    if (length >= 8) {
        uint64_t word;
        memcpy(&word, key, 8);
        return signature | (word & 0x00FFFFFFFFFFFFFFULL);
    }
    for (int64_t at = 0; at < length; at++) signature |= (uint64_t)key[at] << (8 * at);
    return signature;
}

/// JSONTape.keyRest: bytes 7 to 14 of a key longer than 7 bytes.
static inline uint64_t key_rest(const uint8_t *key, int64_t length) {
    if (length <= 7) return 0;
    if (length >= 15) {
        uint64_t word;
        memcpy(&word, key + 7, 8);
        return word;
    }
    uint64_t rest = 0;
    for (int64_t at = 7; at < length; at++) rest |= (uint64_t)key[at] << (8 * (at - 7));
    return rest;
}

static inline uint64_t bloom_bit(uint64_t signature) {
    return 1ULL << ((signature * 0x9E3779B97F4A7C15ULL) >> 58);
}

int ctape_read(const uint8_t *bytes, int64_t count, int64_t max_depth, ctape_token *tokens,
               int64_t token_capacity, int64_t *token_count, ctape_member *members,
               int64_t member_capacity, int64_t *member_count, ctape_member *pending) {
    reader r = {bytes, count, 0};
    int64_t n = 0;        // tokens written
    int64_t written = 0;  // members written
    int64_t waiting = 0;  // pending members of the open objects
    // The innermost open container's token, or -1. While a container is open, its token's
    // `after` holds its parent's index + 1 and its `members` where its pending members begin
    // (both are set for good when it closes).
    int64_t open = -1;
    int64_t depth = 0;
    *token_count = 0;
    *member_count = 0;

#define EMIT(KIND, START, END, ESCAPED)                                                            \
    do {                                                                                           \
        if (n >= token_capacity) return CTAPE_FULL;                                                \
        tokens[n] = (ctape_token){.kind = (KIND),                                                  \
                                  .escaped = (uint8_t)(ESCAPED),                                   \
                                  .start = (uint32_t)(START),                                      \
                                  .end = (uint32_t)(END),                                          \
                                  .after = (uint32_t)(n + 1)};                                     \
        n++;                                                                                       \
    } while (0)

// Reads `"key" :` at r.at into a key token of the object token OBJECT (escaped keys go the
// Swift way: their signature is that of their unescaped text).
#define READ_KEY(OBJECT)                                                                           \
    do {                                                                                           \
        if (r.at >= count || bytes[r.at] != '"') return CTAPE_FALLBACK;                            \
        int64_t key_start, key_end;                                                                \
        int key_escaped;                                                                           \
        if (!scan_string(&r, &key_start, &key_end, &key_escaped) || key_escaped)                   \
            return CTAPE_FALLBACK;                                                                 \
        skip_space(&r);                                                                            \
        if (r.at >= count || bytes[r.at] != ':') return CTAPE_FALLBACK;                            \
        r.at++;                                                                                    \
        uint64_t signature = key_signature(bytes + key_start, key_end - key_start);                \
        if (waiting >= member_capacity) return CTAPE_FULL;                                         \
        tokens[OBJECT].signature |= bloom_bit(signature);                                          \
        pending[waiting].signature = signature;                                                    \
        pending[waiting].rest = key_rest(bytes + key_start, key_end - key_start);                  \
        pending[waiting].value = n + 1;                                                            \
        waiting++;                                                                                 \
        EMIT(KIND_STRING, key_start, key_end, 0);                                                  \
        tokens[n - 1].signature = signature;                                                       \
    } while (0)

    skip_space(&r);
    if (r.at == 0 && count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
        r.at = 3;  // UTF-8 byte order mark
        skip_space(&r);
    }
    if (r.at >= count) return CTAPE_FALLBACK;
    while (1) {
        skip_space(&r);
        if (r.at >= count) return CTAPE_FALLBACK;
        int64_t start = r.at;
        uint8_t byte = bytes[r.at];
        switch (byte) {
        case '{':
        case '[': {
            int is_object = byte == '{';
            r.at++;
            skip_space(&r);
            if (r.at < count && bytes[r.at] == (is_object ? '}' : ']')) {
                r.at++;
                EMIT(is_object ? KIND_OBJECT : KIND_ARRAY, start, r.at, 0);
                break;
            }
            if (depth >= max_depth) return CTAPE_FALLBACK;
            int64_t container = n;
            EMIT(is_object ? KIND_OBJECT : KIND_ARRAY, start, start, 0);
            tokens[container].after = (uint32_t)(open + 1);
            tokens[container].members = (uint32_t)waiting;
            open = container;
            depth++;
            if (is_object) READ_KEY(container);
            continue;
        }
        case '"': {
            int64_t string_start, string_end;
            int escaped;
            if (!scan_string(&r, &string_start, &string_end, &escaped)) return CTAPE_FALLBACK;
            EMIT(KIND_STRING, string_start, string_end, escaped);
            break;
        }
        case 't':
            if (!expect_word(&r, "true", 4)) return CTAPE_FALLBACK;
            EMIT(KIND_TRUE, start, r.at, 0);
            break;
        case 'f':
            if (!expect_word(&r, "false", 5)) return CTAPE_FALLBACK;
            EMIT(KIND_FALSE, start, r.at, 0);
            break;
        case 'n':
            if (!expect_word(&r, "null", 4)) return CTAPE_FALLBACK;
            EMIT(KIND_NULL, start, r.at, 0);
            break;
        default:
            if (byte != '-' && (byte < '0' || byte > '9')) return CTAPE_FALLBACK;
            if (!scan_number(&r)) return CTAPE_FALLBACK;
            EMIT(KIND_NUMBER, start, r.at, 0);
            break;
        }

        // After a value: the next member or element, or the end of one or more containers.
        while (1) {
            if (open < 0) {
                skip_space(&r);
                if (r.at < count) return CTAPE_FALLBACK;  // text after the value
                *token_count = n;
                *member_count = written;
                return CTAPE_OK;
            }
            skip_space(&r);
            if (r.at >= count) return CTAPE_FALLBACK;
            uint8_t next = bytes[r.at];
            int is_object = tokens[open].kind == KIND_OBJECT;
            if (next == ',') {
                r.at++;
                if (is_object) {
                    skip_space(&r);
                    READ_KEY(open);
                }
                break;
            }
            if (next != (is_object ? '}' : ']')) return CTAPE_FALLBACK;
            r.at++;
            ctape_token *container = &tokens[open];
            int64_t parent = (int64_t)container->after - 1;
            int64_t base = container->members;
            container->end = (uint32_t)r.at;
            container->after = (uint32_t)n;
            container->members = 0;
            if (is_object) {
                int64_t run = waiting - base;
                if (written + 1 + run > member_capacity) return CTAPE_FULL;
                container->members = (uint32_t)written;
                members[written].signature = (uint64_t)run;
                members[written].rest = 0;
                members[written].value = open;
                memcpy(&members[written + 1], &pending[base], (size_t)run * sizeof(ctape_member));
                written += 1 + run;
                waiting = base;
            }
            open = parent;
            depth--;
        }
    }
#undef EMIT
#undef READ_KEY
}
