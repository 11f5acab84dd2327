import Testing

/// The parent of every end-to-end suite, so they run one at a time: each waits for the real
/// binary on a thread of the cooperative pool (two threads on a 2-core machine), and two
/// waiting at once starved the async tests of the other targets until their tokens expired.
@Suite("end to end", .serialized)
enum EndToEnd {}
