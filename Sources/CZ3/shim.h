#ifndef RAMPART_CZ3_SHIM_H
#define RAMPART_CZ3_SHIM_H
#include <z3.h>
#endif
