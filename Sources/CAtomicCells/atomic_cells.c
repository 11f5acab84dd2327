// SwiftPM needs a source file in a C target; the functions are inline in the header.
#include "atomic_cells.h"
