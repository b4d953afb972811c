// Corpus replay driver: runs a fuzz target's LLVMFuzzerTestOneInput once on
// every file it is given (directories are walked, in sorted order), without
// libFuzzer, so the checked-in corpora run as ordinary ctest tests with any
// compiler (the libgit2 standalone_driver / zstd regression_driver idea).
//
//   fuzz_replay_<target> [--min-files N] <file-or-directory>...
//
// Exit status: 0 when every input ran (a crash or a FUZZ_CHECK aborts the
// process), 1 when an argument cannot be read or fewer than N inputs (default
// 1) were found — a missing corpus must not pass silently.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

namespace fs = std::filesystem;

bool read_file(const fs::path& p, std::vector<std::uint8_t>& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

bool collect(const fs::path& p, std::vector<fs::path>& files) {
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    std::vector<fs::path> found;
    for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec)) found.push_back(it->path());
    }
    if (ec) return false;
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
    return true;
  }
  if (fs::is_regular_file(p, ec)) {
    files.push_back(p);
    return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  std::size_t min_files = 1;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--min-files" && i + 1 < argc) {
      min_files = static_cast<std::size_t>(std::strtoul(argv[++i], nullptr, 10));
      continue;
    }
    if (!collect(arg, files)) {
      std::fprintf(stderr, "replay: cannot read %s\n", arg.c_str());
      return 1;
    }
  }
  std::vector<std::uint8_t> buf;
  for (const fs::path& f : files) {
    if (!read_file(f, buf)) {
      std::fprintf(stderr, "replay: cannot read %s\n", f.c_str());
      return 1;
    }
    // A fresh heap copy of exactly the input's size, so ASan sees reads past the end.
    auto* copy = static_cast<std::uint8_t*>(std::malloc(buf.empty() ? 1 : buf.size()));
    if (copy == nullptr) return 1;
    std::copy(buf.begin(), buf.end(), copy);
    // Named first (unbuffered), so a crash or a FUZZ_CHECK is attributed to its file.
    std::fprintf(stderr, "replay: %s\n", f.c_str());
    LLVMFuzzerTestOneInput(copy, buf.size());
    std::free(copy);
  }
  std::printf("replay: %zu input(s) ran\n", files.size());
  if (files.size() < min_files) {
    std::fprintf(stderr, "replay: expected at least %zu input(s)\n", min_files);
    return 1;
  }
  return 0;
}
