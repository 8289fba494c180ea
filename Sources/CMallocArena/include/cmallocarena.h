// One malloc arena for the whole process, set before main by a constructor in cmallocarena.c.
// Nothing calls into this target: linking it is the whole of it (see the file).
#pragma once
