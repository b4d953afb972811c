// lib/crypto: SHA-256, HMAC-SHA256, HKDF (RFC vectors), Base64/base64url,
// RAND_bytes, constant-time comparison, RSA RS256 verification.
#include <doctest/doctest.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <string>
#include <vector>

#include "crypto/crypto.hpp"

namespace crypto = cognito::crypto;
using cognito::ErrorCode;

namespace {

std::string hex(std::string_view b) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (char c : b) {
    out.push_back(d[static_cast<unsigned char>(c) >> 4]);
    out.push_back(d[static_cast<unsigned char>(c) & 15]);
  }
  return out;
}

std::string seq(int from, int to) {  // bytes from..to-1
  std::string s;
  for (int i = from; i < to; ++i) s.push_back(static_cast<char>(i));
  return s;
}

std::string random_string(std::size_t n) {
  std::string s(n, '\0');
  REQUIRE(crypto::random_bytes(s.data(), n));
  return s;
}

}  // namespace

TEST_CASE("crypto: SHA-256 (FIPS 180-2 examples)") {
  CHECK(hex(crypto::sha256("abc")->view()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(hex(crypto::sha256("")->view()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(hex(crypto::sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")->view()) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  // Parts hash like their concatenation.
  CHECK(crypto::sha256({"a", "", "bc"})->view() == crypto::sha256("abc")->view());
}

TEST_CASE("crypto: HMAC-SHA256 (RFC 4231)") {
  CHECK(hex(crypto::hmac_sha256(std::string(20, '\x0b'), "Hi There")->view()) ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  CHECK(hex(crypto::hmac_sha256("Jefe", "what do ya want for nothing?")->view()) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(hex(crypto::hmac_sha256(std::string(131, '\xaa'),
                                "Test Using Larger Than Block-Size Key - Hash Key First")
                ->view()) == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  // Empty key and message are valid.
  CHECK(hex(crypto::hmac_sha256("", "")->view()) ==
        "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
  CHECK(crypto::hmac_sha256("Jefe", {"what do ya ", "want for nothing?"})->view() ==
        crypto::hmac_sha256("Jefe", "what do ya want for nothing?")->view());
}

TEST_CASE("crypto: HKDF-SHA256 (RFC 5869 A.1-A.3)") {
  unsigned char out[82];
  REQUIRE(crypto::hkdf_sha256(seq(0, 13), std::string(22, '\x0b'), seq(0xf0, 0xfa), out, 42));
  CHECK(hex(std::string_view(reinterpret_cast<char*>(out), 42)) ==
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  REQUIRE(crypto::hkdf_sha256(seq(0x60, 0xb0), seq(0, 0x50), seq(0xb0, 0x100), out, 82));
  CHECK(hex(std::string_view(reinterpret_cast<char*>(out), 82)) ==
        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87");
  REQUIRE(crypto::hkdf_sha256("", std::string(22, '\x0b'), "", out, 42));
  CHECK(hex(std::string_view(reinterpret_cast<char*>(out), 42)) ==
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  CHECK(crypto::hkdf_sha256("s", "k", "i", out, 0).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("crypto: Base64 (RFC 4648 section 10) and strict decoding") {
  const std::pair<const char*, const char*> rfc[] = {{"", ""},           {"f", "Zg=="},         {"fo", "Zm8="},
                                                     {"foo", "Zm9v"},    {"foob", "Zm9vYg=="},  {"fooba", "Zm9vYmE="},
                                                     {"foobar", "Zm9vYmFy"}};
  for (const auto& row : rfc) {
    // Named variables: CAPTURE reads them from a lambda, which C++17 does not allow for structured bindings.
    const char* plain = row.first;
    const char* enc = row.second;
    CAPTURE(plain);
    CHECK(crypto::base64_encode(plain) == enc);
    auto d = crypto::base64_decode(enc);
    REQUIRE(d);
    CHECK(*d == plain);
  }
  for (const char* bad : {"Zg", "Zg=", "Zm9", "Z===", "====", "Zg==Zg==", "Zm9v\n", " Zm9v", "Zm9v ", "Zm 9v",
                          "Zm-v", "Zm_v", "Zm9\xc3", "Zg=a", "=Zg="}) {
    CAPTURE(bad);
    auto d = crypto::base64_decode(bad);
    REQUIRE_FALSE(d);
    CHECK(d.error().code == ErrorCode::InvalidArgument);
  }
  CHECK(crypto::base64_decode(std::string("Zm9v\0", 5)).error().code == ErrorCode::InvalidArgument);
  CHECK(crypto::base64_decode(std::string("Zm\0v", 4)).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("crypto: Base64 round trips, encode_into writes exactly the encoded size") {
  for (std::size_t n = 0; n < 300; ++n) {
    CAPTURE(n);
    const std::string data = random_string(n);
    const std::string enc = crypto::base64_encode(data);
    CHECK(enc.size() == crypto::base64_encoded_size(n));
    CHECK(*crypto::base64_decode(enc) == data);
    std::string buf(crypto::base64_encoded_size(n) + 8, '#');
    crypto::base64_encode_into(data, buf.data());
    CHECK(buf.substr(0, enc.size()) == enc);
    CHECK(buf.substr(enc.size()) == std::string(8, '#'));
    const std::string url = crypto::base64url_encode(data);
    CHECK(url.find_first_of("+/=") == std::string::npos);
    CHECK(*crypto::base64url_decode(url) == data);
  }
  // Larger than one internal chunk (12 MiB).
  const std::string big = random_string(12 * 1024 * 1024 + 7);
  const std::string enc = crypto::base64_encode(big);
  CHECK(enc.size() == crypto::base64_encoded_size(big.size()));
  CHECK(*crypto::base64_decode(enc) == big);
}

TEST_CASE("crypto: base64url (JWT segments)") {
  CHECK(crypto::base64url_encode("\xfb\xff") == "-_8");
  CHECK(*crypto::base64url_decode("-_8") == "\xfb\xff");
  CHECK(*crypto::base64url_decode("-_8=") == "\xfb\xff");  // padding tolerated
  CHECK(*crypto::base64url_decode("eyJhbGciOiJSUzI1NiJ9") == "{\"alg\":\"RS256\"}");
  CHECK(*crypto::base64url_decode("") == "");
  for (const char* bad : {"+_8", "-/8", "a", "abcde", "ab cd", "ab.c", "a=bc"}) {
    CAPTURE(bad);
    CHECK_FALSE(crypto::base64url_decode(bad));
  }
}

TEST_CASE("crypto: random bytes and constant-time comparison") {
  std::string a(64, '\0');
  std::string b(64, '\0');
  REQUIRE(crypto::random_bytes(a.data(), a.size()));
  REQUIRE(crypto::random_bytes(b.data(), b.size()));
  CHECK(a != b);
  CHECK(crypto::random_bytes(nullptr, 0));
  CHECK(crypto::constant_time_equal(a, a));
  CHECK_FALSE(crypto::constant_time_equal(a, b));
  CHECK_FALSE(crypto::constant_time_equal("abc", "abcd"));
  CHECK(crypto::constant_time_equal("", ""));
  // Digest wipes itself but copies keep their value.
  auto d = crypto::sha256("abc");
  REQUIRE(d);
  crypto::Digest copy = *d;
  CHECK(copy.view() == d->view());
}

namespace {

struct TestKey {
  EVP_PKEY* pkey = nullptr;
  ~TestKey() { EVP_PKEY_free(pkey); }
  std::string component(const char* name) const {
    BIGNUM* bn = nullptr;
    REQUIRE(EVP_PKEY_get_bn_param(pkey, name, &bn) == 1);
    std::string out(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
    BN_free(bn);
    return out;
  }
  std::string sign(std::string_view msg) const {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    REQUIRE(EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, pkey) == 1);
    std::size_t len = 0;
    REQUIRE(EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(msg.data()), msg.size()) == 1);
    std::string sig(len, '\0');
    REQUIRE(EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                           reinterpret_cast<const unsigned char*>(msg.data()), msg.size()) == 1);
    sig.resize(len);
    EVP_MD_CTX_free(ctx);
    return sig;
  }
};

}  // namespace

TEST_CASE("crypto: RSA RS256 verification") {
  TestKey key;
  key.pkey = EVP_RSA_gen(2048);
  REQUIRE(key.pkey != nullptr);
  const std::string n = key.component(OSSL_PKEY_PARAM_RSA_N);
  const std::string e = key.component(OSSL_PKEY_PARAM_RSA_E);
  const std::string msg = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ";
  const std::string sig = key.sign(msg);

  auto pub = crypto::RsaPublicKey::from_components(n, e);
  REQUIRE(pub);
  CHECK(pub->bits() == 2048);
  CHECK(*pub->verify_rs256(msg, sig) == true);
  CHECK(*pub->verify_rs256(msg + "x", sig) == false);
  std::string flipped = sig;
  flipped[100] = static_cast<char>(flipped[100] ^ 1);
  CHECK(*pub->verify_rs256(msg, flipped) == false);
  CHECK(*pub->verify_rs256(msg, sig.substr(1)) == false);
  CHECK(*pub->verify_rs256(msg, "") == false);
  CHECK(*pub->verify_rs256(msg, std::string(sig.size(), '\0')) == false);

  // Same key from JWK members; copies share it.
  auto jwk = crypto::RsaPublicKey::from_jwk(crypto::base64url_encode(n), crypto::base64url_encode(e));
  REQUIRE(jwk);
  crypto::RsaPublicKey copy = *jwk;
  CHECK(*copy.verify_rs256(msg, sig) == true);

  // Another key does not verify it.
  TestKey other;
  other.pkey = EVP_RSA_gen(2048);
  REQUIRE(other.pkey != nullptr);
  auto other_pub = crypto::RsaPublicKey::from_components(other.component(OSSL_PKEY_PARAM_RSA_N), e);
  REQUIRE(other_pub);
  CHECK(*other_pub->verify_rs256(msg, sig) == false);

  // Malformed keys.
  CHECK(crypto::RsaPublicKey::from_components("", e).error().code == ErrorCode::InvalidArgument);
  CHECK(crypto::RsaPublicKey::from_components(n, "").error().code == ErrorCode::InvalidArgument);
  CHECK(crypto::RsaPublicKey::from_components(n.substr(0, 128), e).error().code == ErrorCode::InvalidArgument);
  CHECK(crypto::RsaPublicKey::from_components(n, std::string("\x01", 1)).error().code == ErrorCode::InvalidArgument);
  CHECK(crypto::RsaPublicKey::from_components(n, std::string("\x01\x00\x00", 3)).error().code ==
        ErrorCode::InvalidArgument);
  std::string even = n;
  even.back() = static_cast<char>(even.back() & ~1);
  CHECK(crypto::RsaPublicKey::from_components(even, e).error().code == ErrorCode::InvalidArgument);
  CHECK(crypto::RsaPublicKey::from_jwk("not base64url!", "AQAB").error().code == ErrorCode::InvalidArgument);
}
