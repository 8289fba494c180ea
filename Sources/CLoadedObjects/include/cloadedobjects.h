#ifndef VITALS_CLOADEDOBJECTS_H
#define VITALS_CLOADEDOBJECTS_H

#include <stdint.h>

/// An address range [start, end).
typedef struct {
    uintptr_t start;
    uintptr_t end;
} vitals_address_range;

/// Fills `out` with the address range of every writable loadable segment (PT_LOAD with PF_W) of
/// every object the loader has loaded (the executable and each shared library), start rounded down
/// to its page, at most `capacity` of them; returns how many there are (more than `capacity` when
/// `out` was too small). dl_iterate_phdr(3), which Glibc's module does not bring to Swift.
int vitals_writable_segments(vitals_address_range *out, int capacity);

#endif
