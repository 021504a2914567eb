// LZ4 from the system (Debian: liblz4-dev): decompresses captures in LZ4's frame format.
#include <lz4frame.h>
