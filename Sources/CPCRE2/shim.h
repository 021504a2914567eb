// PCRE2 with 8-bit code units, from the system (Debian: libpcre2-dev), the
// engine of Wireshark's `matches`. The width must be chosen before the include.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
