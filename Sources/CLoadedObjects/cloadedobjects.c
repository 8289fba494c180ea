#define _GNU_SOURCE
#include "cloadedobjects.h"
#include <link.h>
#include <unistd.h>

typedef struct {
    vitals_address_range *out;
    int capacity;
    int count;
    uintptr_t page;
} segment_walk;

static int note_writable(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    segment_walk *walk = data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *header = &info->dlpi_phdr[i];
        if (header->p_type != PT_LOAD || !(header->p_flags & PF_W) || header->p_memsz == 0) continue;
        uintptr_t start = (uintptr_t)info->dlpi_addr + (uintptr_t)header->p_vaddr;
        uintptr_t end = start + (uintptr_t)header->p_memsz;
        if (walk->count < walk->capacity) {
            walk->out[walk->count].start = start & ~(walk->page - 1);
            walk->out[walk->count].end = end;
        }
        walk->count++;
    }
    return 0;
}

int vitals_writable_segments(vitals_address_range *out, int capacity) {
    long page = sysconf(_SC_PAGESIZE);
    segment_walk walk = { out, capacity, 0, page > 0 ? (uintptr_t)page : 4096 };
    dl_iterate_phdr(note_writable, &walk);
    return walk.count;
}
