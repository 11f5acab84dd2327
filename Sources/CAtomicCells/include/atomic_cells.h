// Relaxed atomic loads and stores of 32-bit cells in raw memory: the summary store's anomaly
// column, written after its rows are published while other threads read them (see
// SummaryStore's contract). Header-only: Swift calls the inline functions directly.
#ifndef ORDERSCOPE_ATOMIC_CELLS_H
#define ORDERSCOPE_ATOMIC_CELLS_H

#include <stdint.h>

static inline int32_t atomic_cell_load(const int32_t *cell) {
    return __atomic_load_n(cell, __ATOMIC_RELAXED);
}

static inline void atomic_cell_store(int32_t *cell, int32_t value) {
    __atomic_store_n(cell, value, __ATOMIC_RELAXED);
}

#endif
