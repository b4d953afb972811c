// cognito_srp_vectors FILE... — checks SRP / device / SECRET_HASH / TIMESTAMP
// vector files (format detected from the keys) against libcognito.
// Prints every mismatch, then "N passed, N failed"; exit status 1 on any failure.
#include <cstdio>
#include <string>

#include "vector_checks.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s VECTOR_FILE.json...\n", argv[0]);
    return 2;
  }
  long long passed = 0;
  long long failed = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string path = argv[i];
    const srpvec::FileResult fr = srpvec::check_file(path);
    if (!fr.error.empty()) {
      std::printf("FAIL %s: %s\n", path.c_str(), fr.error.c_str());
      ++failed;
      continue;
    }
    long long file_passed = 0;
    long long file_failed = 0;
    for (const auto& o : fr.outcomes) {
      if (o.ok()) {
        ++file_passed;
        continue;
      }
      ++file_failed;
      std::printf("FAIL %s [%s]\n", path.c_str(), o.id.c_str());
      for (const auto& f : o.failures) std::printf("    %s\n", f.c_str());
    }
    const long long checked = srpvec::vectors_checked(fr);
    if (fr.declared_count >= 0 && checked != fr.declared_count) {
      std::printf("FAIL %s: the file declares %lld vectors but %lld were checked\n", path.c_str(),
                  fr.declared_count, checked);
      ++file_failed;
    }
    std::printf("%s (%s): %lld passed, %lld failed\n", path.c_str(), srpvec::format_name(fr.format),
                file_passed, file_failed);
    passed += file_passed;
    failed += file_failed;
  }
  std::printf("%lld passed, %lld failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
