// CScan: the 64-byte-block structural pass behind DumpScanner.skipContainer (see DESIGN.md,
// "Big dumps"). Plain C with SSE2 (the x86-64 baseline) and a portable fallback elsewhere.
#ifndef CSCAN_H
#define CSCAN_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Where a skip is, between calls. Start with pos = offset after the opening bracket, depth = 1,
/// limit = the depth above which nesting is an error, everything else 0.
typedef struct {
    /// In: start of the next 64-byte block. Out: after the close bracket (done), the offending
    /// bracket (too deep), the input's length (end), or where the block pass gave up (stray).
    int64_t pos;
    int64_t depth;
    int64_t limit;
    /// All ones when the next block starts inside a string.
    uint64_t in_string;
    /// 1 when the first byte of the next block is escaped (an odd backslash run before it).
    uint64_t escaped;
    /// The previous block's unescaped quotes and string-opening quotes (10-byte strings across
    /// a block boundary).
    uint64_t prev_quotes;
    uint64_t prev_opens;
} cscan_state;

enum {
    /// The container closed; pos is the offset after its close bracket.
    CSCAN_DONE = 0,
    /// The hit buffer is nearly full: handle the hits and call again.
    CSCAN_MORE = 1,
    /// An open bracket at pos nests deeper than limit.
    CSCAN_TOO_DEEP = 2,
    /// The input ends inside a string.
    CSCAN_END_IN_STRING = 3,
    /// The input ends inside the container (outside any string).
    CSCAN_END = 4,
    /// A backslash outside any string (never valid JSON): the block pass cannot tell strings
    /// apart the way a byte-by-byte pass does, so the caller redoes the container byte by byte.
    CSCAN_STRAY_BACKSLASH = 5,
};

/// Smallest hit buffer `cscan_skip_container` accepts.
#define CSCAN_MIN_HITS 8

/// Skips the inside of a JSON container from state->pos, looking only at strings and brackets
/// (brackets inside strings and escaped quotes do not count), never reading at or past
/// base[count]. Writes to hits the offsets of the first byte of every 10-byte string that reads
/// `masked_pan` or `booking_id`, in order, and stores their number in *hit_count. Returns one
/// of the CSCAN_ codes.
int cscan_skip_container(const uint8_t *base, int64_t count, cscan_state *state, int64_t *hits,
                         int64_t capacity, int64_t *hit_count);

/// A hint that the bytes at address will be read soon (never faults, whatever the address):
/// a pass that hops through the summary store's text, one row at a time, starts each row's read
/// a few rows ahead, so the reads overlap instead of waiting for memory one after another.
static inline void cscan_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#ifdef __cplusplus
}
#endif

#endif
