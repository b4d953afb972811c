// SrpClient behaviour: ephemeral options, injected randomness, single use,
// bad server values, agreement with the server-side math, device verifiers.
#include <doctest/doctest.h>

#include <openssl/bn.h>

#include <memory>
#include <thread>
#include <string>
#include <vector>

#include "cognito/srp.hpp"
#include "crypto/crypto.hpp"
#include "srp/srp_internal.hpp"

using cognito::ErrorCode;
using cognito::SrpChallenge;
using cognito::SrpClient;
using cognito::SrpOptions;
using cognito::detail::SrpClientAccess;

namespace {

constexpr const char* kPoolId = "us-east-1_AbCdEfGhI";
constexpr const char* kPoolName = "AbCdEfGhI";
constexpr const char* kUser = "alice";
constexpr const char* kPassword = "Passw0rd!";
constexpr const char* kTimestamp = "Tue Nov 3 07:05:09 UTC 2026";

std::string hex(std::string_view bytes) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (char c : bytes) {
    out.push_back(d[static_cast<unsigned char>(c) >> 4]);
    out.push_back(d[static_cast<unsigned char>(c) & 15]);
  }
  return out;
}

std::string random_hex(std::size_t bytes) {
  std::string b(bytes, '\0');
  REQUIRE(cognito::crypto::random_bytes(b.data(), b.size()));
  return hex(b);
}

std::string bytes_of_hex(std::string h) {
  if (h.size() % 2) h.insert(h.begin(), '0');
  std::string out;
  for (std::size_t i = 0; i < h.size(); i += 2) out.push_back(static_cast<char>(std::stoi(h.substr(i, 2), nullptr, 16)));
  return out;
}

/// k·N as hex (for B = N, 2N, ...), computed with OpenSSL.
std::string multiple_of_N(unsigned k) {
  BIGNUM* n = nullptr;
  REQUIRE(BN_hex2bn(&n, cognito::detail::srp_N_hex().c_str()) > 0);
  REQUIRE(BN_mul_word(n, k) == 1);
  char* h = BN_bn2hex(n);
  std::string out(h);
  OPENSSL_free(h);
  BN_free(n);
  return out;
}

/// A well-formed challenge for kPoolName/kUser/kPassword from a real server side.
struct Server {
  std::string salt = random_hex(16);
  std::string b = random_hex(32);
  std::string v;
  std::string B;
  std::string secret_block = cognito::crypto::base64_encode(bytes_of_hex(random_hex(48)));

  explicit Server(std::string_view name = kPoolName, std::string_view id = kUser, std::string_view pw = kPassword) {
    auto vv = cognito::detail::srp_verifier_hex(name, id, pw, salt);
    REQUIRE(vv);
    v = *vv;
    auto BB = cognito::detail::srp_server_B_hex(v, b);
    REQUIRE(BB);
    B = *BB;
  }
  SrpChallenge challenge() const { return {salt, B, secret_block}; }
};

SrpClient make_client(std::size_t bits = 256) {
  SrpOptions o;
  o.ephemeral_bits = bits;
  auto c = SrpClient::create(o);
  REQUIRE(c);
  return std::move(*c);
}

ErrorCode respond_error(const SrpChallenge& ch, const cognito::detail::SrpHooks* hooks = nullptr) {
  SrpClient c = make_client();
  auto r = SrpClientAccess::respond_raw(c, kPoolName, kUser, kPassword, ch, kTimestamp, nullptr, hooks);
  REQUIRE_FALSE(r);
  // Whatever failed, the client is spent.
  auto again = SrpClientAccess::respond_raw(c, kPoolName, kUser, kPassword, ch, kTimestamp);
  CHECK(again.error().code == ErrorCode::InvalidState);
  return r.error().code;
}

/// Server-side verification of a claim: K from the server's S, then the HMAC.
std::string server_signature(const Server& srv, const std::string& A_hex, std::string_view name,
                             std::string_view id, std::string_view timestamp, std::string* S_out = nullptr) {
  auto S = cognito::detail::srp_server_S_hex(A_hex, srv.B, srv.v, srv.b);
  REQUIRE(S);
  if (S_out) *S_out = *S;
  auto padA = cognito::detail::srp_pad_hex(A_hex);
  auto padB = cognito::detail::srp_pad_hex(srv.B);
  REQUIRE(padA);
  REQUIRE(padB);
  auto u = cognito::crypto::sha256({bytes_of_hex(*padA), bytes_of_hex(*padB)});
  REQUIRE(u);
  auto padU = cognito::detail::srp_pad_hex(hex(u->view()));
  auto padS = cognito::detail::srp_pad_hex(*S);
  REQUIRE(padU);
  REQUIRE(padS);
  unsigned char K[16];
  REQUIRE(cognito::crypto::hkdf_sha256(bytes_of_hex(*padU), bytes_of_hex(*padS), "Caldera Derived Key", K, 16));
  auto block = cognito::crypto::base64_decode(srv.secret_block);
  REQUIRE(block);
  auto mac = cognito::crypto::hmac_sha256(std::string_view(reinterpret_cast<const char*>(K), 16),
                                          {name, id, *block, timestamp});
  REQUIRE(mac);
  return cognito::crypto::base64_encode(mac->view());
}

}  // namespace

TEST_CASE("srp client: ephemeral size options") {
  for (std::size_t bits : {256u, 264u, 512u, 1000u, 1024u}) {
    CAPTURE(bits);
    SrpClient c = make_client(bits);
    CHECK_FALSE(c.A_hex().empty());
    CHECK(c.A_hex().find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(c.A_hex()[0] != '0');
    CHECK(SrpClientAccess::a_hex(c).size() <= bits / 4);
  }
  for (std::size_t bits : {0u, 8u, 128u, 255u, 257u, 260u, 1023u, 1025u, 1032u, 2048u}) {
    CAPTURE(bits);
    SrpOptions o;
    o.ephemeral_bits = bits;
    auto c = SrpClient::create(o);
    REQUIRE_FALSE(c);
    CHECK(c.error().code == ErrorCode::InvalidArgument);
  }
  // Two clients never share a.
  SrpClient a = make_client();
  SrpClient b = make_client();
  CHECK(a.A_hex() != b.A_hex());
}

TEST_CASE("srp client: injected randomness becomes a, and its failures are ErrorCode::Random") {
  const std::string a_bytes = bytes_of_hex(random_hex(32));
  SrpOptions o;
  o.random = [&](unsigned char* out, std::size_t n) {
    REQUIRE(n == 32);
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<unsigned char>(a_bytes[i]);
    return true;
  };
  auto c = SrpClient::create(o);
  REQUIRE(c);
  auto fixed = SrpClient::create_with_fixed_a(hex(a_bytes));
  REQUIRE(fixed);
  CHECK(c->A_hex() == fixed->A_hex());

  SrpOptions broken;
  broken.random = [](unsigned char*, std::size_t) { return false; };
  auto e = SrpClient::create(broken);
  REQUIRE_FALSE(e);
  CHECK(e.error().code == ErrorCode::Random);

  // A source that only ever yields zeros (a = 0 is unusable) gives up with Random.
  SrpOptions zeros;
  int calls = 0;
  zeros.random = [&](unsigned char* out, std::size_t n) {
    ++calls;
    for (std::size_t i = 0; i < n; ++i) out[i] = 0;
    return true;
  };
  auto z = SrpClient::create(zeros);
  REQUIRE_FALSE(z);
  CHECK(z.error().code == ErrorCode::Random);
  CHECK(calls > 1);

  // Device verifiers: 40 password bytes, then 16 salt bytes, from the source.
  std::vector<std::size_t> sizes;
  auto dv = cognito::generate_device_verifier("-gKxZ1bP0", "us-east-1_0f1e2d3c", [&](unsigned char* out, std::size_t n) {
    sizes.push_back(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<unsigned char>(i + 1);
    return true;
  });
  REQUIRE(dv);
  CHECK(sizes == std::vector<std::size_t>{40, 16});
  auto bad = cognito::generate_device_verifier("g", "k", [](unsigned char*, std::size_t) { return false; });
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == ErrorCode::Random);
}

TEST_CASE("srp client: create_with_fixed_a validates its input") {
  for (const char* a : {"", "0", "000", "-1", "xyz", "12 34", "0x12"}) {
    CAPTURE(a);
    auto c = SrpClient::create_with_fixed_a(a);
    REQUIRE_FALSE(c);
    CHECK(c.error().code == ErrorCode::InvalidArgument);
  }
  CHECK_FALSE(SrpClient::create_with_fixed_a(std::string(2049, '1')));
  auto one = SrpClient::create_with_fixed_a("1");
  REQUIRE(one);
  CHECK(one->A_hex() == "2");
  auto upper = SrpClient::create_with_fixed_a("00FF");
  auto lower = SrpClient::create_with_fixed_a("ff");
  REQUIRE(upper);
  REQUIRE(lower);
  CHECK(upper->A_hex() == lower->A_hex());
}

TEST_CASE("srp client: client S equals the server's (A*v^u)^b for 256- and 1024-bit a") {
  for (std::size_t bits : {256u, 1024u}) {
    for (int round = 0; round < 3; ++round) {
      CAPTURE(bits);
      CAPTURE(round);
      Server srv;
      SrpClient c = make_client(bits);
      const std::string A = c.A_hex();
      cognito::detail::SrpTrace trace;
      auto claim = SrpClientAccess::respond_raw(c, kPoolName, kUser, kPassword, srv.challenge(), kTimestamp, &trace);
      REQUIRE(claim);
      std::string server_S;
      const std::string want_sig = server_signature(srv, A, kPoolName, kUser, kTimestamp, &server_S);
      CHECK(trace.S_hex == server_S);
      CHECK(claim->signature == want_sig);
      CHECK(claim->timestamp == kTimestamp);
      CHECK(claim->signature.size() == 44);
    }
  }
}

TEST_CASE("srp client: public respond uses the pool name after the first '_' and the given time") {
  Server srv("b_c");
  const std::string a = random_hex(32);
  auto c1 = SrpClient::create_with_fixed_a(a);
  auto c2 = SrpClient::create_with_fixed_a(a);
  REQUIRE(c1);
  REQUIRE(c2);
  // 2026-11-03T07:05:09.750Z
  const auto when = std::chrono::system_clock::time_point(std::chrono::milliseconds(1793689509750LL));
  auto pub = c1->respond("eu-west-1_b_c", kUser, kPassword, srv.challenge(), when);
  auto raw = SrpClientAccess::respond_raw(*c2, "b_c", kUser, kPassword, srv.challenge(), kTimestamp);
  REQUIRE(pub);
  REQUIRE(raw);
  CHECK(pub->timestamp == kTimestamp);
  CHECK(pub->signature == raw->signature);
  CHECK(pub->signature == server_signature(srv, c1->A_hex(), "b_c", kUser, kTimestamp));

  // The password may come from a SecretString.
  cognito::SecretString secret(kPassword);
  SrpClient c3 = make_client();
  Server srv2;
  auto r3 = c3.respond(kPoolId, kUser, secret.reveal(), srv2.challenge(), when);
  REQUIRE(r3);
  CHECK(r3->signature == server_signature(srv2, c3.A_hex(), kPoolName, kUser, kTimestamp));

  // Default time: now.
  SrpClient c4 = make_client();
  auto r4 = c4.respond(kPoolId, kUser, kPassword, srv2.challenge());
  REQUIRE(r4);
  CHECK(r4->timestamp.find(" UTC ") != std::string::npos);
}

TEST_CASE("srp client: caller mistakes are InvalidArgument") {
  Server srv;
  for (const char* pool : {"", "nounderscore", "us-east-1_"}) {
    CAPTURE(pool);
    SrpClient c = make_client();
    auto r = c.respond(pool, kUser, kPassword, srv.challenge());
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::InvalidArgument);
  }
  SrpClient c = make_client();
  auto r = c.respond(kPoolId, "", kPassword, srv.challenge());
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::InvalidArgument);
  auto d = c.respond_device("", "key", "pw", srv.challenge());
  REQUIRE_FALSE(d);
  CHECK(d.error().code == ErrorCode::InvalidArgument);
  auto d2 = c.respond_device("group", "", "pw", srv.challenge());
  REQUIRE_FALSE(d2);
  CHECK(d2.error().code == ErrorCode::InvalidArgument);
  // None of these consumed the ephemeral.
  CHECK(c.respond(kPoolId, kUser, kPassword, srv.challenge()));

  CHECK(cognito::generate_device_verifier("", "k").error().code == ErrorCode::InvalidArgument);
  CHECK(cognito::generate_device_verifier("g", "").error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("srp client: single use and moves") {
  Server srv;
  SrpClient c = make_client();
  const std::string A = c.A_hex();
  CHECK_FALSE(SrpClientAccess::a_hex(c).empty());
  auto r1 = c.respond(kPoolId, kUser, kPassword, srv.challenge());
  REQUIRE(r1);
  CHECK(SrpClientAccess::a_hex(c).empty());  // a wiped after use
  auto r2 = c.respond(kPoolId, kUser, kPassword, srv.challenge());
  REQUIRE_FALSE(r2);
  CHECK(r2.error().code == ErrorCode::InvalidState);
  CHECK(c.A_hex() == A);  // A stays readable

  SrpClient m = make_client();
  const std::string mA = m.A_hex();
  SrpClient moved(std::move(m));
  CHECK(moved.A_hex() == mA);
  CHECK(m.A_hex().empty());  // NOLINT(bugprone-use-after-move): moved-from state is specified
  auto rm = m.respond(kPoolId, kUser, kPassword, srv.challenge());
  REQUIRE_FALSE(rm);
  CHECK(rm.error().code == ErrorCode::InvalidState);
  SrpClient other = make_client();
  other = std::move(moved);
  CHECK(other.A_hex() == mA);
  CHECK(other.respond(kPoolId, kUser, kPassword, srv.challenge()));
}

TEST_CASE("srp client: bad SRP_B is SrpBadServerValue (0, N, 2N, malformed, too long)") {
  Server srv;
  const std::string N = multiple_of_N(1);
  const std::vector<std::string> bad = {
      "0", "000", N, "00" + N, multiple_of_N(2), multiple_of_N(7),
      "", "-", "-5", "+5", "0x1234", "12 34", " 1234", "1234 ", "xyz", "12g4", "１２",
      std::string(1537, '1'), std::string(100000, 'f'), std::string("12\0" "34", 5)};
  for (const auto& B : bad) {
    CAPTURE(B.substr(0, 40));
    CHECK(respond_error({srv.salt, B, srv.secret_block}) == ErrorCode::SrpBadServerValue);
  }
  // Lower/upper case, leading zeros, up to 1536 digits and values above N are fine.
  for (const auto& B : {srv.B, std::string("0000") + srv.B, std::string(1536, '1'), std::string("1")}) {
    std::string upper = B;
    for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    SrpClient c = make_client();
    CHECK(SrpClientAccess::respond_raw(c, kPoolName, kUser, kPassword, {srv.salt, upper, srv.secret_block}, kTimestamp));
  }
}

TEST_CASE("srp client: bad SALT and SECRET_BLOCK are SrpBadServerValue") {
  Server srv;
  for (const std::string& salt : {std::string(), std::string("-"), std::string("--5"), std::string("-+5"),
                                  std::string("5-"), std::string("g"), std::string("12 34"),
                                  std::string(1025, 'a'), std::string("-") + std::string(1025, 'a')}) {
    CAPTURE(salt.substr(0, 40));
    CHECK(respond_error({salt, srv.B, srv.secret_block}) == ErrorCode::SrpBadServerValue);
  }
  for (const std::string& block :
       {std::string(), std::string("abc"), std::string("ab=c"), std::string("a b="), std::string("@@@@"),
        std::string("QQ==QQ=="), std::string("Q==="), std::string("===="), std::string("QUJD\n"),
        std::string("QUJD-_==").substr(0, 8), std::string(65540, 'A')}) {
    CAPTURE(block.substr(0, 40));
    CHECK(respond_error({srv.salt, srv.B, block}) == ErrorCode::SrpBadServerValue);
  }
  // Negative, odd-length, zero and upper-case salts are accepted (the server then decides).
  for (const std::string& salt : {std::string("-16e462a84f2df159eee0c14642974ee7"),
                                  std::string("d1c1181916afc59efe7eb71674d627c"), std::string("0"),
                                  std::string("-0"), std::string("ABCDEF"), std::string(1024, 'c')}) {
    CAPTURE(salt.substr(0, 40));
    SrpClient c = make_client();
    CHECK(SrpClientAccess::respond_raw(c, kPoolName, kUser, kPassword, {salt, srv.B, srv.secret_block}, kTimestamp));
  }
}

TEST_CASE("srp client: u == 0 is SrpBadServerValue (forced through the internal hook)") {
  Server srv;
  cognito::detail::SrpHooks hooks;
  hooks.force_u_zero = true;
  CHECK(respond_error(srv.challenge(), &hooks) == ErrorCode::SrpBadServerValue);
}

TEST_CASE("srp client: negative salt gives x over the two's-complement PAD") {
  // The same x as the server computes from the signed SALT; the claim verifies.
  Server srv;
  srv.salt = "-16e462a84f2df159eee0c14642974ee7";
  auto v = cognito::detail::srp_verifier_hex(kPoolName, kUser, kPassword, srv.salt);
  REQUIRE(v);
  srv.v = *v;
  auto B = cognito::detail::srp_server_B_hex(srv.v, srv.b);
  REQUIRE(B);
  srv.B = *B;
  SrpClient c = make_client();
  cognito::detail::SrpTrace trace;
  auto claim = SrpClientAccess::respond_raw(c, kPoolName, kUser, kPassword, srv.challenge(), kTimestamp, &trace);
  REQUIRE(claim);
  CHECK(claim->signature == server_signature(srv, c.A_hex(), kPoolName, kUser, kTimestamp));
  auto pad = cognito::detail::srp_pad_hex(srv.salt);
  REQUIRE(pad);
  CHECK(*pad == "e91b9d57b0d20ea6111f3eb9bd68b119");
}

TEST_CASE("srp devices: generated verifier registers and signs in end to end") {
  const std::string group = "-gKxZ1bP0";
  const std::string key = "us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
  for (int round = 0; round < 8; ++round) {
    auto dv = cognito::generate_device_verifier(group, key);
    REQUIRE(dv);
    CHECK(dv->device_password.size() == 56);
    auto pw = cognito::crypto::base64_decode(dv->device_password.reveal());
    REQUIRE(pw);
    CHECK(pw->size() == 40);
    auto salt = cognito::crypto::base64_decode(dv->salt);
    REQUIRE(salt);
    CHECK(salt->size() >= 1);
    CHECK(salt->size() <= 17);
    // Canonical PAD: no redundant leading 00, sign byte present when needed.
    if (salt->size() > 1 && (*salt)[0] == '\0') CHECK((static_cast<unsigned char>((*salt)[1]) & 0x80) != 0);
    if (salt->size() == 17) CHECK((*salt)[0] == '\0');
    auto ver = cognito::crypto::base64_decode(dv->password_verifier);
    REQUIRE(ver);
    CHECK(ver->size() <= 385);
    CHECK((static_cast<unsigned char>((*ver)[0]) & 0x80) == 0);  // never reads as negative

    // The service stores the bytes and later sends SALT as the (positive) hex.
    Server srv(group, key, dv->device_password.reveal());
    srv.salt = hex(*salt);
    srv.v = hex(*ver);
    auto B = cognito::detail::srp_server_B_hex(srv.v, srv.b);
    REQUIRE(B);
    srv.B = *B;
    auto vv = cognito::detail::srp_verifier_hex(group, key, dv->device_password.reveal(), srv.salt);
    REQUIRE(vv);
    auto norm = [](std::string h) {
      const auto nz = h.find_first_not_of('0');
      return nz == std::string::npos ? std::string("0") : h.substr(nz);
    };
    CHECK(norm(*vv) == norm(srv.v));
    SrpClient c = make_client(round % 2 ? 1024 : 256);
    const auto when = std::chrono::system_clock::time_point(std::chrono::seconds(1793689509LL));
    auto claim = c.respond_device(group, key, dv->device_password.reveal(), srv.challenge(), when);
    REQUIRE(claim);
    CHECK(claim->signature == server_signature(srv, c.A_hex(), group, key, kTimestamp));
  }
}

TEST_CASE("srp: group constants") {
  CHECK(cognito::detail::srp_k_hex() == "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6");
  // N is the RFC 3526 3072-bit prime OpenSSL also ships.
  BIGNUM* n = BN_get_rfc3526_prime_3072(nullptr);
  REQUIRE(n != nullptr);
  char* h = BN_bn2hex(n);
  std::string want(h);
  OPENSSL_free(h);
  BN_free(n);
  for (char& ch : want) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  CHECK(cognito::detail::srp_N_hex() == want);
}

TEST_CASE("srp: PAD is Java BigInteger.toByteArray") {
  struct Case {
    const char* in;
    const char* pad;
  };
  for (const Case& c : {Case{"0", "00"}, Case{"-0", "00"}, Case{"1", "01"}, Case{"7f", "7f"}, Case{"80", "0080"},
                        Case{"ff", "00ff"}, Case{"100", "0100"}, Case{"-1", "ff"}, Case{"-7f", "81"},
                        Case{"-80", "80"}, Case{"-81", "ff7f"}, Case{"-ff", "ff01"}, Case{"-100", "ff00"},
                        Case{"-8000", "8000"}, Case{"-8001", "ff7fff"}, Case{"0000ff", "00ff"},
                        Case{"000001", "01"}, Case{"ABC", "0abc"}, Case{"-ABC", "f544"}}) {
    CAPTURE(c.in);
    auto p = cognito::detail::srp_pad_hex(c.in);
    REQUIRE(p);
    CHECK(*p == c.pad);
  }
}

TEST_CASE("srp: SECRET_HASH argument checks") {
  CHECK(cognito::secret_hash("", "user", "client").error().code == ErrorCode::InvalidArgument);
  CHECK(cognito::secret_hash("secret", "user", "").error().code == ErrorCode::InvalidArgument);
  auto h = cognito::secret_hash("secret", "Mess", "age");
  REQUIRE(h);
  CHECK(*h == "qnR8UCqJggD55PohusaBNviGoOJ67HC6Btry4qXLVZc=");  // AWS .NET unit test value
}

TEST_CASE("srp client: sign-ins on several threads at once (shared group)") {
  // The group (N, k, Montgomery context) is built once and shared read-only.
  constexpr int kThreads = 4;
  constexpr int kRounds = 4;
  Server srv;
  std::vector<int> good(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        SrpOptions o;
        o.ephemeral_bits = (t % 2) ? 1024 : 256;
        auto c = SrpClient::create(o);
        if (!c) return;
        cognito::detail::SrpTrace trace;
        auto claim = SrpClientAccess::respond_raw(*c, kPoolName, kUser, kPassword, srv.challenge(), kTimestamp, &trace);
        auto S = cognito::detail::srp_server_S_hex(c->A_hex(), srv.B, srv.v, srv.b);
        if (claim && S && *S == trace.S_hex) ++good[static_cast<std::size_t>(t)];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) CHECK(good[static_cast<std::size_t>(t)] == kRounds);
}

TEST_CASE("srp server helpers: values beyond N are handled, A mod N == 0 is refused") {
  // The helpers serve emulators, where A is attacker input (up to 8192 bits).
  Server srv;
  for (const std::string& A : {std::string(2048, 'f'), std::string(1537, '7'), std::string("1") + std::string(800, '0')}) {
    CAPTURE(A.size());
    auto S = cognito::detail::srp_server_S_hex(A, srv.B, srv.v, srv.b);
    REQUIRE(S);
    CHECK_FALSE(S->empty());
  }
  for (const std::string& A : {std::string("0"), multiple_of_N(1), multiple_of_N(3), std::string(2049, '1'),
                               std::string("xyz")}) {
    CAPTURE(A.substr(0, 40));
    auto S = cognito::detail::srp_server_S_hex(A, srv.B, srv.v, srv.b);
    REQUIRE_FALSE(S);
    CHECK(S.error().code == ErrorCode::InvalidArgument);
  }
  auto B = cognito::detail::srp_server_B_hex(std::string(2048, 'f'), srv.b);
  CHECK(B);
}
