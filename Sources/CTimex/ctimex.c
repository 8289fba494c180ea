#include "ctimex.h"
#include <sys/timex.h>
#include <string.h>

int vitals_read_timex(vitals_timex *out) {
    struct timex t;
    memset(&t, 0, sizeof t);
    t.modes = 0;
    int r = adjtimex(&t);
    if (r < 0) return -1;
    out->result = r;
    out->nano = (t.status & STA_NANO) ? 1 : 0;
    out->offset = t.offset;
    out->freq = t.freq;
    out->maxerror = t.maxerror;
    out->esterror = t.esterror;
    out->status = t.status;
    out->constant = t.constant;
    out->precision = t.precision;
    out->tolerance = t.tolerance;
    out->tick = t.tick;
    out->ppsfreq = t.ppsfreq;
    out->jitter = t.jitter;
    out->shift = t.shift;
    out->stabil = t.stabil;
    out->jitcnt = t.jitcnt;
    out->calcnt = t.calcnt;
    out->errcnt = t.errcnt;
    out->stbcnt = t.stbcnt;
    out->tai = t.tai;
    return 0;
}
