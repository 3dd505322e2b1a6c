/* Prints the version of the Tenet library actually linked, as the C API reports it:
 * "<tenet_libversion()> <tenet_libversion_number()>" (tests/version/version_test.sh). */
#include <stdio.h>

#include "tenet/tenet.h"

int main(void) {
    printf("%s %d\n", tenet_libversion(), tenet_libversion_number());
    return 0;
}
