// The tape reader's fast path: the same walk as JSONParser.readTape (Sources/JSONCore), in C,
// for clean documents only. Every place where the Swift reader would throw or note a text issue
// returns CTAPE_FALLBACK instead, so the Swift reader (which owns the messages) reads the
// document again: the two can only differ in speed.
//
// Speed (measured on 20,000 generated orders, BENCHMARKS.md): strings, keys and digit runs are
// read 16 bytes at a time with SSE2 (the x86-64 baseline; byte loops elsewhere, and within 16
// bytes of the document's end, so nothing is ever read at or past bytes[count]). A key that ends
// in its first block takes its signature and rest from that block's register, without a byte
// loop. Tried and slower: a bit map of the special bytes made ahead of the walk, telling the
// closing quote from a second mask, a first-block path of its own for string values.
#include "include/ctape.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

enum { KIND_NULL = 0, KIND_FALSE = 1, KIND_TRUE = 2, KIND_NUMBER = 3, KIND_STRING = 4, KIND_ARRAY = 5,
       KIND_OBJECT = 6 };

#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)

static inline int is_space(uint8_t byte) {
    return byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09;
}

/// The first byte at or after `at` that is not JSON white space (or `count`). Compact JSON has
/// none, so the first test (no space is above 0x20) nearly always ends it.
static inline int64_t skip_space(const uint8_t *bytes, int64_t at, int64_t count) {
    while (at < count && bytes[at] <= 0x20 && is_space(bytes[at])) at++;
    return at;
}

static inline int is_hex(uint8_t byte) {
    return (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'f') || (byte >= 'A' && byte <= 'F');
}

static inline int is_digit(uint8_t byte) { return byte >= '0' && byte <= '9'; }

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

#if defined(__SSE2__)
/// The bits of the bytes of `v` that can end a string's plain run: `"`, `\`, a control byte or
/// a byte from 0x80 (signed compare: those are negative, so "below 0x20" catches them too).
static inline unsigned special_mask(__m128i v) {
    __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                                   _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
    return (unsigned)_mm_movemask_epi8(special);
}
#endif

/// Reads the rest of a string from `at` (inside it, past the opening quote) to its closing
/// quote: the quote's offset, or -1 when it is not clean (unclosed, a bad escape, a raw
/// control character, a byte that is not UTF-8). Sets *escaped when it holds an escape.
__attribute__((always_inline)) static inline int64_t string_end(const uint8_t *bytes, int64_t at,
                                                                int64_t count, int *escaped) {
    while (1) {
#if defined(__SSE2__)
        while (at + 16 <= count) {
            unsigned mask = special_mask(_mm_loadu_si128((const __m128i *)(bytes + at)));
            if (mask != 0) {
                at += __builtin_ctz(mask);
                break;
            }
            at += 16;
        }
#endif
        if (at >= count) return -1;
        uint8_t byte = bytes[at];
        if (byte == '"') return at;
        if (byte == '\\') {
            *escaped = 1;
            if (at + 1 >= count) return -1;
            uint8_t escape = bytes[at + 1];
            switch (escape) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                at += 2;
                break;
            case 'u':
                if (at + 6 > count || !is_hex(bytes[at + 2]) || !is_hex(bytes[at + 3]) || !is_hex(bytes[at + 4]) ||
                    !is_hex(bytes[at + 5]))
                    return -1;
                at += 6;
                break;
            default:
                return -1;
            }
            continue;
        }
        if (byte < 0x20) return -1;
        if (byte >= 0x80) {
            int64_t length = utf8_length(bytes, at, count);
            if (length == 0) return -1;
            at += length;
            continue;
        }
        at++;
    }
}

/// The first byte at or after `at` that is not an ASCII digit (or `count`).
static inline int64_t digits_end(const uint8_t *bytes, int64_t at, int64_t count) {
#if defined(__SSE2__)
    while (at + 16 <= count) {
        __m128i v = _mm_loadu_si128((const __m128i *)(bytes + at));
        // Signed compares: bytes from 0x80 are negative, below '0'.
        __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                      _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
        unsigned digits = (unsigned)_mm_movemask_epi8(digit);
        if (digits != 0xFFFF) return at + __builtin_ctz(~digits);
        at += 16;
    }
#endif
    while (at < count && is_digit(bytes[at])) at++;
    return at;
}

/// Reads a number (JSONParser.scanNumber's grammar) from `at`: where it ends, or -1 when it is
/// not one.
static inline int64_t number_end(const uint8_t *bytes, int64_t at, int64_t count) {
    if (bytes[at] == '-') at++;
    int64_t digits = at;
    at = digits_end(bytes, at, count);
    if (at == digits) return -1;
    if (at < count && bytes[at] == '.') {
        at++;
        digits = at;
        at = digits_end(bytes, at, count);
        if (at == digits) return -1;
    }
    if (at < count && (bytes[at] | 0x20) == 'e') {
        at++;
        if (at < count && (bytes[at] == '+' || bytes[at] == '-')) at++;
        digits = at;
        at = digits_end(bytes, at, count);
        if (at == digits) return -1;
    }
    return at;
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

#if defined(__SSE2__)
/// For a key of 0 to 15 bytes: the bytes of a signature's low word and of a rest that are the
/// key's (key_signature, key_rest).
static const uint64_t signature_masks[16] = {
    0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFF, 0xFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF,
    0xFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF,
    0xFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF};
static const uint64_t rest_masks[16] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFF, 0xFFFFFFFFFFFF,
    0xFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF};
#endif

static inline uint64_t bloom_bit(uint64_t signature) {
    return 1ULL << ((signature * 0x9E3779B97F4A7C15ULL) >> 58);
}

int ctape_read(const uint8_t *bytes, int64_t count, int64_t max_depth, ctape_token *tokens,
               int64_t token_capacity, int64_t *token_count, ctape_member *members,
               int64_t member_capacity, int64_t *member_count, ctape_member *pending) {
    int64_t at = 0;
    int64_t n = 0;        // tokens written
    int64_t written = 0;  // members written
    int64_t waiting = 0;  // pending members of the open objects
    // The innermost open container's token, or -1, and whether it is an object. While a
    // container is open, its token's `after` holds its parent's index + 1 and its `members`
    // where its pending members begin (both are set for good when it closes).
    int64_t open = -1;
    int in_object = 0;
    // The Bloom filter of the open object's keys so far (held here, stored when it closes or
    // a container opens inside it).
    uint64_t bloom = 0;
    int64_t depth = 0;
    *token_count = 0;
    *member_count = 0;

#define EMIT(KIND, START, END, ESCAPED)                                                            \
    do {                                                                                           \
        if (UNLIKELY(n >= token_capacity)) return CTAPE_FULL;                                      \
        tokens[n] = (ctape_token){.kind = (KIND),                                                  \
                                  .escaped = (uint8_t)(ESCAPED),                                   \
                                  .start = (uint32_t)(START),                                      \
                                  .end = (uint32_t)(END),                                          \
                                  .after = (uint32_t)(n + 1)};                                     \
        n++;                                                                                       \
    } while (0)

    at = skip_space(bytes, at, count);
    if (at == 0 && count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
        at = skip_space(bytes, 3, count);  // UTF-8 byte order mark
    }
    if (at >= count) return CTAPE_FALLBACK;

value:
    // A value starts at the next byte that is not space.
    at = skip_space(bytes, at, count);
    if (UNLIKELY(at >= count)) return CTAPE_FALLBACK;
    {
        int64_t start = at;
        uint8_t byte = bytes[at];
        if (byte == '"') {
            int escaped = 0;
            int64_t end = string_end(bytes, at + 1, count, &escaped);
            if (UNLIKELY(end < 0)) return CTAPE_FALLBACK;
            EMIT(KIND_STRING, start + 1, end, escaped);
            at = end + 1;
        } else if (byte == '-' || is_digit(byte)) {
            at = number_end(bytes, at, count);
            if (UNLIKELY(at < 0)) return CTAPE_FALLBACK;
            EMIT(KIND_NUMBER, start, at, 0);
        } else if (byte == '{' || byte == '[') {
            int is_object = byte == '{';
            at = skip_space(bytes, at + 1, count);
            if (at < count && bytes[at] == (is_object ? '}' : ']')) {
                at++;
                EMIT(is_object ? KIND_OBJECT : KIND_ARRAY, start, at, 0);
                goto after_value;
            }
            if (UNLIKELY(depth >= max_depth)) return CTAPE_FALLBACK;
            int64_t container = n;
            EMIT(is_object ? KIND_OBJECT : KIND_ARRAY, start, start, 0);
            tokens[container].after = (uint32_t)(open + 1);
            tokens[container].members = (uint32_t)waiting;
            if (in_object) tokens[open].signature = bloom;
            bloom = 0;
            open = container;
            in_object = is_object;
            depth++;
            if (is_object) goto key;
            goto value;
        } else if (byte == 't') {
            if (at + 4 > count || memcmp(bytes + at, "true", 4) != 0) return CTAPE_FALLBACK;
            at += 4;
            EMIT(KIND_TRUE, start, at, 0);
        } else if (byte == 'f') {
            if (at + 5 > count || memcmp(bytes + at, "false", 5) != 0) return CTAPE_FALLBACK;
            at += 5;
            EMIT(KIND_FALSE, start, at, 0);
        } else if (byte == 'n') {
            if (at + 4 > count || memcmp(bytes + at, "null", 4) != 0) return CTAPE_FALLBACK;
            at += 4;
            EMIT(KIND_NULL, start, at, 0);
        } else {
            return CTAPE_FALLBACK;
        }
    }

after_value:
    // After a value: the next member or element, or the end of one or more containers.
    while (1) {
        at = skip_space(bytes, at, count);
        if (UNLIKELY(open < 0)) {
            if (at < count) return CTAPE_FALLBACK;  // text after the value
            *token_count = n;
            *member_count = written;
            return CTAPE_OK;
        }
        if (UNLIKELY(at >= count)) return CTAPE_FALLBACK;
        uint8_t next = bytes[at];
        if (next == ',') {
            at++;
            if (in_object) {
                at = skip_space(bytes, at, count);
                goto key;
            }
            goto value;
        }
        if (UNLIKELY(next != (in_object ? '}' : ']'))) return CTAPE_FALLBACK;
        at++;
        ctape_token *container = &tokens[open];
        int64_t parent = (int64_t)container->after - 1;
        int64_t base = container->members;
        container->end = (uint32_t)at;
        container->after = (uint32_t)n;
        container->members = 0;
        if (in_object) {
            container->signature = bloom;
            int64_t run = waiting - base;
            if (UNLIKELY(written + 1 + run > member_capacity)) return CTAPE_FULL;
            container->members = (uint32_t)written;
            members[written].signature = (uint64_t)run;
            members[written].rest = 0;
            members[written].value = open;
            memcpy(&members[written + 1], &pending[base], (size_t)run * sizeof(ctape_member));
            written += 1 + run;
            waiting = base;
        }
        open = parent;
        in_object = open >= 0 && tokens[open].kind == KIND_OBJECT;
        if (in_object) bloom = tokens[open].signature;
        depth--;
    }

key:
    // Reads `"key" :` at `at` into a key token of the object `open` (escaped keys go the Swift
    // way: their signature is that of their unescaped text).
    {
        if (UNLIKELY(at >= count || bytes[at] != '"')) return CTAPE_FALLBACK;
        int64_t key_start = at + 1;
        int64_t key_end;
        uint64_t signature, rest;
#if defined(__SSE2__)
        unsigned mask = 0;
        __m128i v;
        if (LIKELY(key_start + 16 <= count)) {
            v = _mm_loadu_si128((const __m128i *)(bytes + key_start));
            mask = special_mask(v);
        }
        // The key ends in its first block, at a quote before any other special byte.
        if (LIKELY(mask != 0) && bytes[key_start + __builtin_ctz(mask)] == '"') {
            int64_t length = __builtin_ctz(mask);
            key_end = key_start + length;
            signature = ((uint64_t)length << 56) | ((uint64_t)_mm_cvtsi128_si64(v) & signature_masks[length]);
            rest = (uint64_t)_mm_cvtsi128_si64(_mm_srli_si128(v, 7)) & rest_masks[length];
        } else
#endif
        {
            int escaped = 0;
            key_end = string_end(bytes, key_start, count, &escaped);
            if (key_end < 0 || escaped) return CTAPE_FALLBACK;
            signature = key_signature(bytes + key_start, key_end - key_start);
            rest = key_rest(bytes + key_start, key_end - key_start);
        }
        at = key_end + 1;
        if (UNLIKELY(at >= count || bytes[at] != ':')) {
            at = skip_space(bytes, at, count);
            if (at >= count || bytes[at] != ':') return CTAPE_FALLBACK;
        }
        at++;
        if (UNLIKELY(waiting >= member_capacity)) return CTAPE_FULL;
        bloom |= bloom_bit(signature);
        pending[waiting].signature = signature;
        pending[waiting].rest = rest;
        pending[waiting].value = n + 1;
        waiting++;
        EMIT(KIND_STRING, key_start, key_end, 0);
        tokens[n - 1].signature = signature;
        goto value;
    }
#undef EMIT
}
