#ifndef VITALS_CNCURSES_SHIM_H
#define VITALS_CNCURSES_SHIM_H

// Wide-character ncurses: these must be defined before curses.h.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// Macros and C globals that Swift cannot import (or that Swift 6 rejects as shared mutable
// state) are exported as inline functions. Every curses call happens on one thread.
static inline attr_t vitals_a_normal(void) { return A_NORMAL; }
static inline attr_t vitals_a_bold(void) { return A_BOLD; }
static inline attr_t vitals_a_dim(void) { return A_DIM; }
static inline attr_t vitals_a_reverse(void) { return A_REVERSE; }
static inline attr_t vitals_a_underline(void) { return A_UNDERLINE; }
static inline attr_t vitals_a_italic(void) { return A_ITALIC; }

static inline WINDOW *vitals_stdscr(void) { return stdscr; }
static inline int vitals_colors(void) { return COLORS; }
static inline int vitals_color_pairs(void) { return COLOR_PAIRS; }
static inline int vitals_key_resize(void) { return KEY_RESIZE; }
static inline int vitals_err(void) { return ERR; }
static inline int vitals_key_mouse(void) { return KEY_MOUSE; }

/// Turns on the mouse reports vitals uses: left click, wheel up and down.
static inline void vitals_enable_mouse(void) {
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
}

/// The pending mouse event: 1 click, 2 wheel up, 3 wheel down, 0 other or none.
static inline int vitals_get_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 2;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 3;
#endif
    return 0;
}

/// Draws a UTF-8 string at (y, x) with the given attributes and colour pair.
static inline int vitals_draw(WINDOW *w, int y, int x, const char *utf8, attr_t attrs, int pair) {
    wattr_set(w, attrs, (short)(pair < 32767 ? pair : 0), pair < 32767 ? NULL : (void *)&pair);
    return mvwaddstr(w, y, x, utf8);
}

/// Draws one VT100 line-drawing character (`q` horizontal, `x` vertical, `l` top left …) from the
/// terminal's alternate character set, with the given attributes and colour pair.
static inline int vitals_draw_acs(WINDOW *w, int y, int x, char letter, attr_t attrs, int pair) {
    wattr_set(w, attrs, (short)(pair < 32767 ? pair : 0), pair < 32767 ? NULL : (void *)&pair);
    return mvwaddch(w, y, x, NCURSES_ACS(letter));
}

/// The terminfo capability string, or NULL when the terminal lacks it.
static inline const char *vitals_tigetstr(const char *cap) {
    char *s = tigetstr((char *)cap);
    if (s == NULL || s == (char *)-1) return NULL;
    return s;
}

#endif
