#ifndef ORDERSCOPE_CNCURSES_SHIM_H
#define ORDERSCOPE_CNCURSES_SHIM_H
// SwiftPM drops pkg-config -D flags, so the wide-character API must be switched on here,
// before curses.h is read; without it get_wch/add_wch/setcchar are not declared.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift 6 rejects reading C globals (stdscr, COLORS, stdin...) as shared mutable state, and
// does not import function-like macros (A_BOLD, BUTTON1_PRESSED, ...). These accessors give
// CursesBackend what it needs; they hold no logic.

static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline FILE *cn_stdin(void) { return stdin; }
static inline FILE *cn_stdout(void) { return stdout; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }

// The locale's width of a wide character (glibc's wcwidth is only declared for XOPEN sources).
extern int wcwidth(wchar_t c);
static inline int cn_wcwidth(wchar_t c) { return wcwidth(c); }

// Attributes as attr_t bits.
static inline attr_t cn_attributes(int bold, int underline, int reverse, int dim) {
    attr_t attributes = A_NORMAL;
    if (bold) attributes |= A_BOLD;
    if (underline) attributes |= A_UNDERLINE;
    if (reverse) attributes |= A_REVERSE;
    if (dim) attributes |= A_DIM;
    return attributes;
}

// Mouse masks and tests. Buttons are 1..5; 4 and 5 are the wheel.
static inline mmask_t cn_mouse_mask_clicks_and_wheel(void) {
    return BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON2_PRESSED | BUTTON2_RELEASED
        | BUTTON3_PRESSED | BUTTON3_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline int cn_mouse_pressed(mmask_t state, int button) {
    return (state & NCURSES_MOUSE_MASK(button, NCURSES_BUTTON_PRESSED)) != 0;
}
static inline int cn_mouse_released(mmask_t state, int button) {
    return (state & NCURSES_MOUSE_MASK(button, NCURSES_BUTTON_RELEASED)) != 0;
}
static inline int cn_mouse_clicked(mmask_t state, int button) {
    return (state & NCURSES_MOUSE_MASK(button, NCURSES_BUTTON_CLICKED)) != 0;
}
#endif
