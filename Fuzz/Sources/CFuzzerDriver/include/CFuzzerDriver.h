// libFuzzer's driver entry point (compiler-rt, FuzzerInterface.h; in libFuzzer since LLVM 11).
// SwiftPM links an executable with `--defsym main=<Module>_main`, so the fuzz targets define
// `<Module>_main` themselves and hand control to libFuzzer through this function.
#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*UserCb)(const uint8_t *Data, size_t Size));

#endif
