// Fuzz target: SRP — parsing the server's hex values (SALT, SRP_B) and the
// whole PASSWORD_VERIFIER / DEVICE_PASSWORD_VERIFIER step with fuzzed server
// values (SrpClient::respond / respond_device), protocol §4.3 and §9.4/§9.5.
//
// Input (FuzzedDataProvider): a mode, then mode-specific values.
//   0  parse_hex + PAD of a fuzzed signed hex string, checked against an
//      independent BIGNUM reference (Java BigInteger.toByteArray semantics);
//   1  SrpClient::respond / respond_device with raw fuzzed SALT, SRP_B and
//      SECRET_BLOCK strings;
//   2  the same with structured values that pass the syntax checks (hex of
//      fuzzed bytes, optionally negative / upper case / zero-padded; B near
//      0, N, multiples of N; SECRET_BLOCK = Base64 of fuzzed bytes);
//   3  an honest server: verifier from fuzzed salt/password, B = k·v + g^b for
//      a fuzzed b; the client's premaster secret S must equal the server's;
//   4  the server-side helpers (srp_server_B_hex / srp_server_S_hex) with
//      fuzzed hex A, B, v, b (they serve emulators, where A is attacker input);
//   5  the ConfirmDevice verifier: generate_device_verifier with fuzzed keys
//      and randomness; its salt/verifier must match srp_verifier_hex.
#include <openssl/bn.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "cognito/srp.hpp"
#include "crypto/crypto.hpp"
#include "fuzz_support.hpp"
#include "srp/srp_internal.hpp"
#include "srp/srp_math.hpp"

using namespace cognito;

namespace {

using Bn = std::unique_ptr<BIGNUM, decltype(&BN_free)>;
Bn bn() { return Bn(BN_new(), &BN_free); }

// A fixed private ephemeral (256 bits): the target must be deterministic.
constexpr std::string_view kFixedA = "6d1f1e7b4a3c2b5d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d";
constexpr std::string_view kPool = "us-east-1_FuzzPool1";

std::string to_hex(std::string_view bytes) { return detail::srp::to_hex(bytes, false); }

std::string bn_bytes(const BIGNUM* v) {
  std::string out(static_cast<std::size_t>(BN_num_bytes(v)), '\0');
  BN_bn2bin(v, reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

bool all_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

/// Java BigInteger.toByteArray of the value whose sign is `negative` and
/// magnitude `m` (big-endian), computed with BIGNUMs.
std::string reference_pad(bool negative, const BIGNUM* m) {
  if (BN_is_zero(m)) return std::string(1, '\0');
  if (!negative) {
    std::string b = bn_bytes(m);
    if (static_cast<unsigned char>(b[0]) & 0x80) b.insert(b.begin(), '\0');
    return b;
  }
  // Smallest L with m <= 2^(8L-1); then 2^(8L) - m as L bytes.
  Bn limit = bn();
  Bn t = bn();
  int L = 1;
  for (;; ++L) {
    BN_zero(limit.get());
    BN_set_bit(limit.get(), 8 * L - 1);
    if (BN_cmp(m, limit.get()) <= 0) break;
  }
  BN_zero(limit.get());
  BN_set_bit(limit.get(), 8 * L);
  BN_sub(t.get(), limit.get(), m);
  std::string out(static_cast<std::size_t>(L), '\0');
  BN_bn2binpad(t.get(), reinterpret_cast<unsigned char*>(out.data()), L);
  return out;
}

void mode_parse(FuzzedDataProvider& in) {
  const bool allow_negative = in.ConsumeBool();
  const std::size_t max_digits = in.ConsumeIntegralInRange<std::size_t>(1, 1100);
  const std::string text = in.ConsumeRemainingBytesAsString();
  auto v = detail::srp::parse_hex(text, allow_negative, max_digits, ErrorCode::SrpBadServerValue, "SALT");

  std::string_view digits = text;
  bool negative = false;
  if (allow_negative && !digits.empty() && digits.front() == '-') {
    negative = true;
    digits.remove_prefix(1);
  }
  const bool expect_ok = !digits.empty() && digits.size() <= max_digits && all_hex(digits);
  FUZZ_CHECK(v.has_value() == expect_ok, "parse_hex accepted/refused differently from the reference");
  if (!v) {
    FUZZ_CHECK(v.error().code == ErrorCode::SrpBadServerValue, "parse_hex error code");
    return;
  }
  BIGNUM* raw = nullptr;
  const std::string digits_s(digits);
  FUZZ_CHECK(BN_hex2bn(&raw, digits_s.c_str()) == static_cast<int>(digits_s.size()), "BN_hex2bn");
  Bn m(raw, &BN_free);
  FUZZ_CHECK(v->magnitude == bn_bytes(m.get()), "parse_hex magnitude differs from BN_hex2bn");
  FUZZ_CHECK(v->negative == (negative && !BN_is_zero(m.get())), "parse_hex sign");
  const std::string pad = detail::srp::pad_signed(*v);
  FUZZ_CHECK(pad == reference_pad(v->negative, m.get()), "pad_signed differs from two's complement reference");
  if (!v->negative) FUZZ_CHECK(detail::srp::pad_unsigned(v->magnitude) == pad, "pad_unsigned != pad_signed for n >= 0");
  if (allow_negative && text.size() <= detail::srp::kMaxFixedAHexDigits) {
    auto hex = detail::srp_pad_hex(text);
    FUZZ_CHECK(hex && *hex == to_hex(pad), "srp_pad_hex disagrees with pad_signed");
  }
}

void check_claim(const Result<PasswordClaim>& claim, SrpClient& client) {
  if (claim) {
    FUZZ_CHECK(claim->signature.size() == 44 && claim->signature.back() == '=', "signature is not Base64 of 32 bytes");
    FUZZ_CHECK(crypto::base64_decode(claim->signature).has_value(), "signature is not Base64");
    FUZZ_CHECK(claim->timestamp == srp_timestamp(fuzz::fixed_now()), "TIMESTAMP is not the one of `now`");
  } else {
    FUZZ_CHECK(claim.error().code == ErrorCode::SrpBadServerValue,
               "respond failed with " + std::string(error_code_name(claim.error().code)));
  }
  // Single use, whatever the outcome.
  auto again = client.respond(kPool, "user", "pw", SrpChallenge{"1", "2", "AAAA"}, fuzz::fixed_now());
  FUZZ_CHECK(!again && again.error().code == ErrorCode::InvalidState, "the ephemeral was used twice");
}

void respond_with(FuzzedDataProvider& in, const std::string& salt, const std::string& b, const std::string& block) {
  auto client = SrpClient::create_with_fixed_a(kFixedA);
  FUZZ_CHECK(client.has_value(), "create_with_fixed_a");
  const bool device = in.ConsumeBool();
  std::string user = in.ConsumeRandomLengthString(64);
  if (user.empty()) user = "alice";
  const std::string password = in.ConsumeRandomLengthString(64);
  const SrpChallenge ch{salt, b, block};
  auto claim = device ? client->respond_device("us-east-1_group", user, password, ch, fuzz::fixed_now())
                      : client->respond(kPool, user, password, ch, fuzz::fixed_now());
  check_claim(claim, *client);
}

void mode_raw(FuzzedDataProvider& in) {
  const std::string salt = in.ConsumeRandomLengthString(1100);
  const std::string b = in.ConsumeRandomLengthString(1600);
  const std::string block = in.ConsumeRandomLengthString(2400);
  respond_with(in, salt, b, block);
}

std::string hexify(std::string_view bytes, FuzzedDataProvider& in) {
  std::string h = to_hex(bytes);
  const std::size_t zeros = in.ConsumeIntegralInRange<std::size_t>(0, 3);
  if (in.ConsumeBool() && !h.empty() && h.front() == '0') h.erase(0, 1);  // odd length
  h.insert(0, zeros, '0');
  if (in.ConsumeBool())
    for (char& c : h) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return h;
}

void mode_structured(FuzzedDataProvider& in) {
  std::string salt = hexify(in.ConsumeRandomLengthString(40), in);
  if (salt.empty()) salt = "0";
  if (in.ConsumeBool()) salt.insert(0, "-");
  // B: fuzzed bytes, or N times a small factor plus a small offset.
  std::string b;
  if (in.ConsumeBool()) {
    b = hexify(in.ConsumeRandomLengthString(400), in);
  } else {
    Bn n = bn();
    Bn t = bn();
    BIGNUM* raw = nullptr;
    BN_hex2bn(&raw, detail::srp::kNHex);
    n.reset(raw);
    BN_CTX* ctx = BN_CTX_new();
    BN_set_word(t.get(), in.ConsumeIntegralInRange<unsigned>(0, 3));
    BN_mul(t.get(), t.get(), n.get(), ctx);
    BN_CTX_free(ctx);
    const int delta = in.ConsumeIntegralInRange(-2, 2);
    if (delta >= 0)
      BN_add_word(t.get(), static_cast<BN_ULONG>(delta));
    else if (!BN_is_zero(t.get()))
      BN_sub_word(t.get(), static_cast<BN_ULONG>(-delta));
    b = hexify(bn_bytes(t.get()), in);
  }
  if (b.empty()) b = "0";
  const std::string block = crypto::base64_encode(in.ConsumeRandomLengthString(200));
  respond_with(in, salt, b, block.empty() ? std::string("AAAA") : block);
}

void mode_honest_server(FuzzedDataProvider& in) {
  std::string salt = to_hex(in.ConsumeRandomLengthString(40));
  if (salt.empty()) salt = "0";
  if (in.ConsumeBool()) salt.insert(0, "-");
  std::string b_hex = to_hex(in.ConsumeRandomLengthString(48));
  if (b_hex.find_first_not_of('0') == std::string::npos) b_hex = "1";
  std::string user = in.ConsumeRandomLengthString(32);
  if (user.empty()) user = "alice";
  const std::string password = in.ConsumeRandomLengthString(32);
  const std::string name = "FuzzPool1";

  auto v = detail::srp_verifier_hex(name, user, password, salt);
  FUZZ_CHECK(v.has_value(), "srp_verifier_hex");
  auto B = detail::srp_server_B_hex(*v, b_hex);
  FUZZ_CHECK(B.has_value(), "srp_server_B_hex");
  auto client = SrpClient::create_with_fixed_a(kFixedA);
  FUZZ_CHECK(client.has_value(), "create_with_fixed_a");
  detail::SrpTrace trace;
  auto claim = detail::SrpClientAccess::respond_raw(*client, name, user, password,
                                                    SrpChallenge{salt, *B, "AAAA"}, "Sun Mar 1 12:00:00 UTC 2026",
                                                    &trace);
  if (!claim) {
    // Only an honest B that happens to be 0 mod N (b chosen so) may be refused.
    FUZZ_CHECK(claim.error().code == ErrorCode::SrpBadServerValue, "honest server refused");
    return;
  }
  auto S = detail::srp_server_S_hex(trace.A_hex, *B, *v, b_hex);
  FUZZ_CHECK(S.has_value(), "srp_server_S_hex");
  FUZZ_CHECK(*S == trace.S_hex, "client and server premaster secrets differ");
}

void mode_server_helpers(FuzzedDataProvider& in) {
  const std::string A = in.ConsumeRandomLengthString(2100);
  const std::string B = in.ConsumeRandomLengthString(2100);
  const std::string v = in.ConsumeRandomLengthString(2100);
  const std::string b = in.ConsumeRandomLengthString(200);
  auto Bs = detail::srp_server_B_hex(v, b);
  if (!Bs) FUZZ_CHECK(fuzz::is_known_error(Bs.error().code), "srp_server_B_hex error");
  auto S = detail::srp_server_S_hex(A, B, v, b);
  if (!S) FUZZ_CHECK(fuzz::is_known_error(S.error().code), "srp_server_S_hex error");
}

void mode_device_verifier(FuzzedDataProvider& in) {
  std::string group = in.ConsumeRandomLengthString(64);
  std::string key = in.ConsumeRandomLengthString(64);
  const std::string randomness = in.ConsumeBytesAsString(56);
  std::size_t used = 0;
  const SrpRandom random = [&](unsigned char* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = used < randomness.size() ? static_cast<unsigned char>(randomness[used++]) : 0;
    return true;
  };
  auto dv = generate_device_verifier(group, key, random);
  if (group.empty() || key.empty()) {
    FUZZ_CHECK(!dv && dv.error().code == ErrorCode::InvalidArgument, "empty device key accepted");
    return;
  }
  FUZZ_CHECK(dv.has_value(), "generate_device_verifier");
  auto salt = crypto::base64_decode(dv->salt);
  auto verifier = crypto::base64_decode(dv->password_verifier);
  FUZZ_CHECK(salt && verifier, "device salt/verifier are not Base64");
  // PAD form: no redundant leading zero byte, a 0x00 before a set top bit.
  for (const std::string* p : {&*salt, &*verifier}) {
    FUZZ_CHECK(!p->empty(), "empty PAD value");
    if (p->size() > 1 && (*p)[0] == '\0')
      FUZZ_CHECK(static_cast<unsigned char>((*p)[1]) & 0x80, "non-canonical PAD (redundant 00)");
    if (p->size() >= 1 && (*p)[0] != '\0')
      FUZZ_CHECK(!(static_cast<unsigned char>((*p)[0]) & 0x80), "non-canonical PAD (top bit without 00)");
  }
  // What the service will send back as SALT (BigInteger.toString(16) of the salt).
  std::string salt_hex = detail::srp::to_hex(*salt, true);
  auto v = detail::srp_verifier_hex(group, key, dv->device_password.reveal(), salt_hex);
  FUZZ_CHECK(v.has_value(), "srp_verifier_hex");
  FUZZ_CHECK(*v == detail::srp::to_hex(*verifier, true), "device verifier does not match its salt and password");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  switch (in.ConsumeIntegralInRange(0, 5)) {
    case 0: mode_parse(in); break;
    case 1: mode_raw(in); break;
    case 2: mode_structured(in); break;
    case 3: mode_honest_server(in); break;
    case 4: mode_server_helpers(in); break;
    default: mode_device_verifier(in); break;
  }
  return 0;
}
