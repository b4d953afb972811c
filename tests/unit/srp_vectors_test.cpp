// Every vector file in tests/vectors, read with RapidJSON and checked field by
// field (A, u, x, S, K, signature, PAD forms, verifiers, TIMESTAMP, SECRET_HASH).
// The checking code is shared with the cognito_srp_vectors program.
#include <doctest/doctest.h>

#include <string>

#include "../srp/vector_checks.hpp"

namespace {

void run_file(const char* file, srpvec::Format want_format, long long min_vectors) {
  const std::string path = std::string(COGNITO_VECTOR_DIR) + "/" + file;
  const srpvec::FileResult fr = srpvec::check_file(path);
  REQUIRE_MESSAGE(fr.error.empty(), fr.error);
  CHECK(fr.format == want_format);
  const long long checked = srpvec::vectors_checked(fr);
  if (fr.declared_count >= 0) CHECK(checked == fr.declared_count);
  CHECK(checked >= min_vectors);
  for (const auto& o : fr.outcomes) {
    std::string msg = std::string(file) + " [" + o.id + "]";
    for (const auto& f : o.failures) msg += "\n    " + f;
    CHECK_MESSAGE(o.ok(), msg);
  }
}

}  // namespace

TEST_CASE("srp vectors: user SRP sign-ins (amazon-cognito-identity-js, srp_vectors.json)") {
  run_file("srp_vectors.json", srpvec::Format::SrpJs, 62);
}

TEST_CASE("srp vectors: device verifiers and device sign-ins (device_vectors.json)") {
  run_file("device_vectors.json", srpvec::Format::DeviceJs, 24);
}

TEST_CASE("srp vectors: generated user/device SRP, PAD examples, SECRET_HASH") {
  // user_srp, secret_hash, 14 pad_examples, negative_salt, odd_salt, leading_zero_hex, device_srp
  run_file("cognito_srp_generated_vectors.json", srpvec::Format::Generated, 20);
}

TEST_CASE("srp vectors: AWS .NET known working claim, key, SECRET_HASH, device hash") {
  run_file("cognito_srp_aws_net_vectors.json", srpvec::Format::AwsNet, 4);
}

TEST_CASE("srp vectors: SECRET_HASH (secret_hash_vectors.json)") {
  run_file("secret_hash_vectors.json", srpvec::Format::SecretHash, 18);
}

TEST_CASE("srp vectors: TIMESTAMP (timestamp_vectors.json, all 53)") {
  run_file("timestamp_vectors.json", srpvec::Format::Timestamp, 53);
}
