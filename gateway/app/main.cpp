#include <cstdio>

int main() {
  std::puts("galguard");
  return 0;
}
