#ifndef ORDERSCOPE_CNCURSES_SHIM_H
#define ORDERSCOPE_CNCURSES_SHIM_H
// SwiftPM drops pkg-config -D flags, so the wide-character API must be switched on here,
// before curses.h is read; without it get_wch/add_wch/setcchar are not declared.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#endif
