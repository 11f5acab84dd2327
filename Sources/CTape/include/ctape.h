// CTape: the fast path of JSONCore's tape reader (see DESIGN.md, "Whole-order work"). It reads a
// clean document (valid JSON, valid UTF-8, no raw control characters, no escaped keys) into the
// same tokens and member runs as JSONParser.readTape; anything else it hands back to the Swift
// reader, which reports errors and text issues with their messages.
#ifndef CTAPE_H
#define CTAPE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One token, laid out as JSONCore's `JSONTape.Token` (the Swift side checks the layout once
/// and never calls in when it differs). Kinds: 0 null, 1 false, 2 true, 3 number, 4 string,
/// 5 array, 6 object.
typedef struct {
    uint8_t kind;
    uint8_t escaped;
    uint8_t pad0[2];
    uint32_t start;
    uint32_t end;
    uint32_t after;
    uint32_t members;
    uint32_t pad1;
    uint64_t signature;
} ctape_token;

/// One member of an object's run, laid out as `JSONTape.Member`.
typedef struct {
    uint64_t signature;
    uint64_t rest;
    int64_t value;
} ctape_member;

enum {
    /// The document was read: *token_count tokens and *member_count members.
    CTAPE_OK = 0,
    /// Not a clean document (an error, a text issue, an escaped key, too deep): read it with
    /// the Swift reader, which reports what is wrong.
    CTAPE_FALLBACK = 1,
    /// A buffer is too small: call again with bigger ones.
    CTAPE_FULL = 2,
};

/// Reads the JSON document bytes[0..<count] into tokens and members (pending: scratch for the
/// members of open objects, as big as members). Never reads at or past bytes[count].
int ctape_read(const uint8_t *bytes, int64_t count, int64_t max_depth, ctape_token *tokens,
               int64_t token_capacity, int64_t *token_count, ctape_member *members,
               int64_t member_capacity, int64_t *member_count, ctape_member *pending);

#ifdef __cplusplus
}
#endif

#endif
