#ifndef VITALS_CTIMEX_H
#define VITALS_CTIMEX_H

/// The kernel clock's discipline state from adjtimex(2) with modes 0 (read only), in the units
/// the kernel reports: microseconds (nanoseconds for offset and jitter when nano is 1),
/// scaled parts per million (freq, ppsfreq, stabil: ppm << 16).
typedef struct {
    int result;
    int nano;
    long offset;
    long freq;
    long maxerror;
    long esterror;
    int status;
    long constant;
    long precision;
    long tolerance;
    long tick;
    long ppsfreq;
    long jitter;
    int shift;
    long stabil;
    long jitcnt;
    long calcnt;
    long errcnt;
    long stbcnt;
    int tai;
} vitals_timex;

/// Returns 0 and fills `out`, or -1 (errno set).
int vitals_read_timex(vitals_timex *out);

#endif
