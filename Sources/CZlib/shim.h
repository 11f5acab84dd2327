#ifndef ORDERSCOPE_CZLIB_SHIM_H
#define ORDERSCOPE_CZLIB_SHIM_H
#include <zlib.h>
#endif
