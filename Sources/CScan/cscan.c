// The 64-byte-block structural pass (simdjson's approach): per block, bitmasks of quotes,
// backslashes and brackets; escaped quotes removed (odd backslash runs, carried across blocks);
// the in-string mask from a prefix XOR of the quotes (carried across blocks); brackets outside
// strings counted, or walked bit by bit when the depth may return to 0 or pass the limit.
#include "include/cscan.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

typedef struct {
    uint64_t quotes, backslashes, opens, closes;
} block_masks;

static inline block_masks classify(const uint8_t *p) {
    block_masks m;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i lower = _mm_set1_epi8(0x20);
    const __m128i open = _mm_set1_epi8('{');   // '[' | 0x20 == '{'
    const __m128i close = _mm_set1_epi8('}');  // ']' | 0x20 == '}'
    uint64_t q = 0, b = 0, o = 0, c = 0;
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        __m128i folded = _mm_or_si128(v, lower);
        q |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)) << (16 * k);
        b |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, backslash)) << (16 * k);
        o |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(folded, open)) << (16 * k);
        c |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(folded, close)) << (16 * k);
    }
    m.quotes = q;
    m.backslashes = b;
    m.opens = o;
    m.closes = c;
#else
    uint64_t q = 0, b = 0, o = 0, c = 0;
    for (int k = 0; k < 64; k++) {
        uint8_t x = p[k];
        uint8_t folded = x | 0x20;
        q |= (uint64_t)(x == '"') << k;
        b |= (uint64_t)(x == '\\') << k;
        o |= (uint64_t)(folded == '{') << k;
        c |= (uint64_t)(folded == '}') << k;
    }
    m.quotes = q;
    m.backslashes = b;
    m.opens = o;
    m.closes = c;
#endif
    return m;
}

/// The bytes escaped by a backslash run of odd length (simdjson's branchless form); *carry is 1
/// when the first byte of the next block is escaped.
static inline uint64_t escaped_bytes(uint64_t backslashes, uint64_t *carry) {
    const uint64_t even = 0x5555555555555555ULL;
    backslashes &= ~*carry;  // an escaped backslash starts no run
    uint64_t follows_escape = backslashes << 1 | *carry;
    uint64_t odd_starts = backslashes & ~even & ~follows_escape;
    uint64_t even_sequences;
    *carry = __builtin_add_overflow(odd_starts, backslashes, &even_sequences);
    uint64_t invert = even_sequences << 1;
    return (even ^ invert) & follows_escape;
}

static inline uint64_t prefix_xor(uint64_t x) {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

static inline int is_search_key(const uint8_t *s) {
    return memcmp(s, "masked_pan", 10) == 0 || memcmp(s, "booking_id", 10) == 0;
}

int cscan_skip_container(const uint8_t *base, int64_t count, cscan_state *state, int64_t *hits,
                         int64_t capacity, int64_t *hit_count) {
    int64_t pos = state->pos;
    int64_t depth = state->depth;
    const int64_t limit = state->limit;
    uint64_t in_string = state->in_string;
    uint64_t escape_carry = state->escaped;
    uint64_t prev_quotes = state->prev_quotes;
    uint64_t prev_opens = state->prev_opens;
    int64_t found = 0;
    int status;
    int too_deep = 0;
    uint8_t tail[64];

    for (;;) {
        int64_t avail = count - pos;
        if (avail <= 0) {
            status = in_string ? CSCAN_END_IN_STRING : CSCAN_END;
            pos = count;
            break;
        }
        if (capacity - found < 6) {  // at most 6 ten-byte strings close in one block
            status = CSCAN_MORE;
            break;
        }
        const uint8_t *p = base + pos;
        if (avail < 64) {
            // The last block: copied into a buffer padded with spaces, never read past the end.
            memset(tail, ' ', sizeof tail);
            memcpy(tail, p, (size_t)avail);
            p = tail;
        }
        block_masks m = classify(p);
        uint64_t quotes = m.quotes;
        if (m.backslashes | escape_carry) quotes &= ~escaped_bytes(m.backslashes, &escape_carry);
        uint64_t inside = prefix_xor(quotes) ^ in_string;  // opening quote and string body
        if (m.backslashes & ~inside) {
            status = CSCAN_STRAY_BACKSLASH;
            break;
        }
        in_string = (uint64_t)((int64_t)inside >> 63);
        uint64_t opens = m.opens & ~inside;
        uint64_t closes = m.closes & ~inside;
        int stop = 64;
        if (opens | closes) {
            int64_t n_open = __builtin_popcountll(opens);
            int64_t n_close = __builtin_popcountll(closes);
            if (depth > n_close && depth + n_open <= limit) {
                depth += n_open - n_close;
            } else {
                uint64_t walk = opens | closes;
                while (walk) {
                    int k = __builtin_ctzll(walk);
                    if ((opens >> k) & 1) {
                        if (++depth > limit) {
                            too_deep = 1;
                            stop = k;
                            break;
                        }
                    } else if (--depth == 0) {
                        stop = k;
                        break;
                    }
                    walk &= walk - 1;
                }
            }
        }
        // Ten-byte strings: a closing quote 11 bytes after an opening one, no quote between.
        uint64_t string_opens = quotes & inside;
        uint64_t string_closes = quotes & ~inside;
        uint64_t tens = string_closes & (string_opens << 11 | prev_opens >> 53);
        if (stop < 64) tens &= (1ULL << stop) - 1;
        while (tens) {
            int k = __builtin_ctzll(tens);
            tens &= tens - 1;
            unsigned __int128 window = ((unsigned __int128)quotes << 64 | prev_quotes) >> (54 + k);
            if (((uint64_t)window & 0x3FF) != 0) continue;
            int64_t start = pos + k - 10;
            if (is_search_key(base + start)) hits[found++] = start;
        }
        prev_quotes = quotes;
        prev_opens = string_opens;
        if (too_deep) {
            pos += stop;
            status = CSCAN_TOO_DEEP;
            break;
        }
        if (stop < 64) {
            pos += stop + 1;
            status = CSCAN_DONE;
            break;
        }
        if (avail <= 64) {
            pos = count;
            status = in_string ? CSCAN_END_IN_STRING : CSCAN_END;
            break;
        }
        pos += 64;
    }
    state->pos = pos;
    state->depth = depth;
    state->in_string = in_string;
    state->escaped = escape_carry;
    state->prev_quotes = prev_quotes;
    state->prev_opens = prev_opens;
    *hit_count = found;
    return status;
}
