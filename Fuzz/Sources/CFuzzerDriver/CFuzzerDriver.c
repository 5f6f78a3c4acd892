// Declarations only (see include/CFuzzerDriver.h); the definition is in libFuzzer,
// linked by `-sanitize=fuzzer`.
#include "CFuzzerDriver.h"
