// A program that needs a glibc newer than provided.al2023's (arc4random is GLIBC_2.36):
// what check_elf_dependencies_test.sh feeds the dependency check to see it fail.
#include <stdlib.h>

int main() { return static_cast<int>(arc4random() % 2); }
