// libcognito (internal) — Cognito's SRP group and byte-level rules.
#include "srp/srp_math.hpp"

#include <openssl/crypto.h>

#include <cstring>

namespace cognito::detail::srp {

using crypto::BnCtxPtr;
using crypto::BnPtr;

// RFC 3526 section 4 / RFC 5054 appendix A: the 3072-bit MODP prime.
const char* const kNHex =
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";

namespace {

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::unique_ptr<Group> build_group() {
  auto grp = std::make_unique<Group>();
  BIGNUM* n = nullptr;
  if (BN_hex2bn(&n, kNHex) != 768) {
    BN_free(n);
    return nullptr;
  }
  grp->N.reset(n);
  grp->g = crypto::bn_new();
  grp->k = crypto::bn_new();
  grp->k_mont = crypto::bn_new();
  grp->mont.reset(BN_MONT_CTX_new());
  BnCtxPtr ctx(BN_CTX_new());
  if (!grp->g || !grp->k || !grp->k_mont || !grp->mont || !ctx) return nullptr;
  if (BN_set_word(grp->g.get(), 2) != 1) return nullptr;
  if (BN_MONT_CTX_set(grp->mont.get(), grp->N.get(), ctx.get()) != 1) return nullptr;

  // k = H(PAD(N) ‖ PAD(g)) = H(00 ‖ N ‖ 02)
  unsigned char padN[kPadMax];
  const std::size_t lenN = pad_bn(grp->N.get(), padN, sizeof padN);
  if (lenN != kPadMax) return nullptr;
  const unsigned char padg = 0x02;
  auto kd = crypto::sha256({std::string_view(reinterpret_cast<const char*>(padN), lenN),
                            std::string_view(reinterpret_cast<const char*>(&padg), 1)});
  if (!kd) return nullptr;
  if (BN_bin2bn(kd->data(), static_cast<int>(kd->size()), grp->k.get()) == nullptr) return nullptr;
  if (BN_to_montgomery(grp->k_mont.get(), grp->k.get(), grp->mont.get(), ctx.get()) != 1) return nullptr;
  return grp;
}

}  // namespace

const Group* group() noexcept {
  static const std::unique_ptr<Group> grp = build_group();
  return grp.get();
}

Result<HexValue> parse_hex(std::string_view text, bool allow_negative, std::size_t max_digits,
                           ErrorCode code, const char* what) {
  HexValue out;
  if (!text.empty() && text.front() == '-' && allow_negative) {
    out.negative = true;
    text.remove_prefix(1);
  }
  if (text.empty()) return fail(code, std::string(what) + " is empty");
  if (text.size() > max_digits) return fail(code, std::string(what) + " is too long");
  // Skip leading zeros, then convert pairs from the right-aligned digit string.
  std::size_t i = 0;
  for (char c : text) {
    if (hex_value(c) < 0) return fail(code, std::string(what) + " is not valid hex");
  }
  while (i < text.size() && text[i] == '0') ++i;
  const std::string_view digits = text.substr(i);
  out.magnitude.resize((digits.size() + 1) / 2);
  std::size_t pos = 0;
  std::size_t d = 0;
  if (digits.size() % 2 == 1) out.magnitude[pos++] = static_cast<char>(hex_value(digits[d++]));
  for (; d < digits.size(); d += 2) {
    out.magnitude[pos++] = static_cast<char>((hex_value(digits[d]) << 4) | hex_value(digits[d + 1]));
  }
  if (out.magnitude.empty()) out.negative = false;  // "-0" is 0
  return out;
}

std::string pad_unsigned(std::string_view magnitude) {
  while (!magnitude.empty() && magnitude.front() == '\0') magnitude.remove_prefix(1);
  if (magnitude.empty()) return std::string(1, '\0');
  std::string out;
  const bool top = (static_cast<unsigned char>(magnitude.front()) & 0x80) != 0;
  out.reserve(magnitude.size() + 1);
  if (top) out.push_back('\0');
  out.append(magnitude);
  return out;
}

std::string pad_signed(const HexValue& v) {
  if (!v.negative) return pad_unsigned(v.magnitude);
  // n = -m with m > 0. The minimal L has -2^(8L-1) <= n, i.e. m <= 2^(8L-1);
  // the result is 2^(8L) - m as L bytes (two's complement).
  std::string_view m = v.magnitude;
  while (!m.empty() && m.front() == '\0') m.remove_prefix(1);
  if (m.empty()) return std::string(1, '\0');
  const auto first = static_cast<unsigned char>(m.front());
  bool fits = first < 0x80;
  if (first == 0x80) {  // m == 2^(8*len-1) exactly also fits
    fits = true;
    for (std::size_t j = 1; j < m.size(); ++j) {
      if (m[j] != '\0') {
        fits = false;
        break;
      }
    }
  }
  std::string out(m.size() + (fits ? 0 : 1), '\0');
  std::memcpy(out.data() + (out.size() - m.size()), m.data(), m.size());
  // Two's complement: invert every byte, add one.
  unsigned carry = 1;
  for (std::size_t j = out.size(); j-- > 0;) {
    const unsigned b = static_cast<unsigned char>(~static_cast<unsigned char>(out[j])) + carry;
    out[j] = static_cast<char>(b & 0xff);
    carry = b >> 8;
  }
  return out;
}

std::size_t pad_bn(const BIGNUM* v, unsigned char* out, std::size_t cap) {
  const int bits = BN_num_bits(v);
  if (bits == 0) {
    if (cap < 1) return 0;
    out[0] = 0;
    return 1;
  }
  const std::size_t lead = (bits % 8 == 0) ? 1 : 0;  // top bit of the first byte set
  const auto n = static_cast<std::size_t>(BN_num_bytes(v));
  if (lead + n > cap) return 0;
  if (lead) out[0] = 0;
  BN_bn2bin(v, out + lead);
  return lead + n;
}

std::string to_hex(std::string_view bytes, bool minimal) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0x0f]);
  }
  if (minimal) {
    const std::size_t nz = out.find_first_not_of('0');
    if (nz == std::string::npos) return "0";
    out.erase(0, nz);
  }
  return out;
}

std::string bn_to_hex(const BIGNUM* v) {
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(v)), '\0');
  BN_bn2bin(v, reinterpret_cast<unsigned char*>(bytes.data()));
  return to_hex(bytes, true);
}

Result<crypto::Digest> compute_x(std::string_view pad_salt, std::string_view name, std::string_view id,
                                 std::string_view password) {
  auto inner = crypto::sha256({name, id, ":", password});
  if (!inner) return std::move(inner).error();
  return crypto::sha256({pad_salt, inner->view()});
}

Result<void> compute_verifier(const crypto::Digest& x, BIGNUM* v, BN_CTX* ctx) {
  const Group* grp = group();
  if (grp == nullptr) return crypto::ossl_error("SRP group setup");
  crypto::SecretBnPtr xb = crypto::bn_secure_new();
  if (!xb || BN_bin2bn(x.data(), static_cast<int>(x.size()), xb.get()) == nullptr)
    return crypto::ossl_error("BN_bin2bn");
  BN_set_flags(xb.get(), BN_FLG_CONSTTIME);
  if (BN_mod_exp_mont_consttime(v, grp->g.get(), xb.get(), grp->N.get(), ctx, grp->mont.get()) != 1)
    return crypto::ossl_error("BN_mod_exp_mont_consttime");
  return {};
}

}  // namespace cognito::detail::srp
