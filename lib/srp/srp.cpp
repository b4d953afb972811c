// libcognito — the client side of Cognito's SRP-6a (cognito/srp.hpp).
#include "cognito/srp.hpp"

#include <openssl/crypto.h>

#include <utility>

#include "crypto/crypto.hpp"
#include "crypto/ossl.hpp"
#include "srp/srp_internal.hpp"
#include "srp/srp_math.hpp"

namespace cognito {

using crypto::BnCtxPtr;
using crypto::BnPtr;
using crypto::SecretBnPtr;
using detail::srp::Group;
using detail::srp::kPadMax;

namespace {

constexpr std::string_view kHkdfInfo = "Caldera Derived Key";
constexpr std::size_t kKeyLen = 16;
constexpr int kMaxDrawAttempts = 16;

std::string_view sv(const unsigned char* p, std::size_t n) {
  return {reinterpret_cast<const char*>(p), n};
}

/// Bytes wiped when the scope ends.
template <std::size_t N>
struct WipedBuffer {
  unsigned char b[N];
  WipedBuffer() = default;
  WipedBuffer(const WipedBuffer&) = delete;
  WipedBuffer& operator=(const WipedBuffer&) = delete;
  ~WipedBuffer() { OPENSSL_cleanse(b, N); }
};

Result<const Group*> the_group() {
  const Group* grp = detail::srp::group();
  if (grp == nullptr) return crypto::ossl_error("SRP group setup");
  return grp;
}

}  // namespace

// ---- SrpClient ------------------------------------------------------------------

struct SrpClient::Impl {
  SecretBnPtr a;       ///< the private ephemeral; reset (wiped) once used
  std::string A_pad;   ///< PAD(A)
  std::string A_hex;   ///< SRP_A
  bool used = false;

  /// Computes A = g^a for the a already set. InvalidState when A mod N == 0.
  Result<void> compute_A(BN_CTX* ctx) {
    auto grp = the_group();
    if (!grp) return std::move(grp).error();
    const Group& G = **grp;
    BnPtr A = crypto::bn_new();
    if (!A) return crypto::ossl_error("BN_new");
    if (BN_mod_exp_mont_consttime(A.get(), G.g.get(), a.get(), G.N.get(), ctx, G.mont.get()) != 1)
      return crypto::ossl_error("BN_mod_exp_mont_consttime");
    if (BN_is_zero(A.get())) return fail(ErrorCode::InvalidState, "SRP: A mod N is zero");
    unsigned char buf[kPadMax];
    const std::size_t len = detail::srp::pad_bn(A.get(), buf, sizeof buf);  // A < N: always fits
    if (len == 0) return crypto::ossl_error("PAD(A)");
    A_pad.assign(sv(buf, len));
    A_hex = detail::srp::bn_to_hex(A.get());
    return {};
  }
};

SrpClient::SrpClient(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
SrpClient::SrpClient(SrpClient&& other) noexcept = default;
SrpClient& SrpClient::operator=(SrpClient&& other) noexcept = default;
SrpClient::~SrpClient() = default;

const std::string& SrpClient::A_hex() const noexcept {
  static const std::string kEmpty;
  return impl_ ? impl_->A_hex : kEmpty;
}

Result<SrpClient> SrpClient::create(const SrpOptions& options) {
  const std::size_t bits = options.ephemeral_bits;
  if (bits < 256 || bits > 1024 || bits % 8 != 0)
    return fail(ErrorCode::InvalidArgument, "SRP: ephemeral_bits must be 256..1024 and a multiple of 8");
  BnCtxPtr ctx(BN_CTX_secure_new());
  auto impl = std::make_unique<Impl>();
  impl->a = crypto::bn_secure_new();
  if (!ctx || !impl->a) return crypto::ossl_error("BN allocation");

  WipedBuffer<1024 / 8> buf;
  const std::size_t n = bits / 8;
  for (int attempt = 0; attempt < kMaxDrawAttempts; ++attempt) {
    if (options.random) {
      if (!options.random(buf.b, n)) return fail(ErrorCode::Random, "SRP: the random source failed");
    } else if (auto r = crypto::random_bytes(buf.b, n); !r) {
      return std::move(r).error();
    }
    if (BN_bin2bn(buf.b, static_cast<int>(n), impl->a.get()) == nullptr) return crypto::ossl_error("BN_bin2bn");
    BN_set_flags(impl->a.get(), BN_FLG_CONSTTIME);
    if (BN_is_zero(impl->a.get())) continue;  // a must be in [1, N-1]; a < 2^1024 < N
    auto r = impl->compute_A(ctx.get());
    if (r) return SrpClient(std::move(impl));
    if (r.error().code != ErrorCode::InvalidState) return std::move(r).error();
  }
  return fail(ErrorCode::Random, "SRP: the random source keeps producing unusable values");
}

Result<SrpClient> SrpClient::create_with_fixed_a(std::string_view a_hex) {
  auto a = detail::srp::parse_hex(a_hex, false, detail::srp::kMaxFixedAHexDigits,
                                  ErrorCode::InvalidArgument, "a");
  if (!a) return std::move(a).error();
  if (a->magnitude.empty()) return fail(ErrorCode::InvalidArgument, "SRP: a must not be zero");
  BnCtxPtr ctx(BN_CTX_secure_new());
  auto impl = std::make_unique<Impl>();
  impl->a = crypto::bn_secure_new();
  if (!ctx || !impl->a) return crypto::ossl_error("BN allocation");
  const auto* m = reinterpret_cast<const unsigned char*>(a->magnitude.data());
  if (BN_bin2bn(m, static_cast<int>(a->magnitude.size()), impl->a.get()) == nullptr)
    return crypto::ossl_error("BN_bin2bn");
  secure_wipe(a->magnitude);
  BN_set_flags(impl->a.get(), BN_FLG_CONSTTIME);
  if (auto r = impl->compute_A(ctx.get()); !r) {
    if (r.error().code == ErrorCode::InvalidState)
      return fail(ErrorCode::InvalidArgument, "SRP: a gives A mod N == 0");
    return std::move(r).error();
  }
  return SrpClient(std::move(impl));
}

namespace {

std::string_view pool_name_of(std::string_view pool_id) {
  const std::size_t us = pool_id.find('_');
  return us == std::string_view::npos ? std::string_view() : pool_id.substr(us + 1);
}

}  // namespace

Result<PasswordClaim> SrpClient::respond(std::string_view pool_id, std::string_view user_id_for_srp,
                                         std::string_view password, const SrpChallenge& challenge,
                                         std::chrono::system_clock::time_point now) {
  const std::string_view pool_name = pool_name_of(pool_id);
  if (pool_name.empty())
    return fail(ErrorCode::InvalidArgument, "SRP: the pool id must look like <region>_<name>");
  if (user_id_for_srp.empty()) return fail(ErrorCode::InvalidArgument, "SRP: USER_ID_FOR_SRP is empty");
  return detail::SrpClientAccess::respond_raw(*this, pool_name, user_id_for_srp, password, challenge,
                                             srp_timestamp(now));
}

Result<PasswordClaim> SrpClient::respond_device(std::string_view device_group_key,
                                                std::string_view device_key,
                                                std::string_view device_password,
                                                const SrpChallenge& challenge,
                                                std::chrono::system_clock::time_point now) {
  if (device_group_key.empty() || device_key.empty())
    return fail(ErrorCode::InvalidArgument, "SRP: the device group key and device key must not be empty");
  return detail::SrpClientAccess::respond_raw(*this, device_group_key, device_key, device_password,
                                             challenge, srp_timestamp(now));
}

// The whole client computation after the server's answer.
Result<PasswordClaim> detail::SrpClientAccess::respond_raw(SrpClient& client, std::string_view name,
                                                           std::string_view id, std::string_view password,
                                                           const SrpChallenge& ch, std::string_view timestamp,
                                                           SrpTrace* trace, const SrpHooks* hooks) {
  SrpClient::Impl* impl = client.impl_.get();
  if (impl == nullptr) return fail(ErrorCode::InvalidState, "SRP: the client was moved from");
  if (impl->used || !impl->a) return fail(ErrorCode::InvalidState, "SRP: the ephemeral was already used");
  impl->used = true;
  // Single use: a leaves the object now and is wiped whatever happens below.
  const SecretBnPtr a = std::move(impl->a);

  auto grp = the_group();
  if (!grp) return std::move(grp).error();
  const Group& G = **grp;
  constexpr ErrorCode kBad = ErrorCode::SrpBadServerValue;

  // ---- validate everything the server sent before any expensive work ----
  auto B = detail::srp::parse_hex(ch.srp_b, false, detail::srp::kMaxBHexDigits, kBad, "SRP_B");
  if (!B) return std::move(B).error();
  auto salt = detail::srp::parse_hex(ch.salt, true, detail::srp::kMaxSaltHexDigits, kBad, "SALT");
  if (!salt) return std::move(salt).error();
  if (ch.secret_block.empty()) return fail(kBad, "SECRET_BLOCK is empty");
  if (ch.secret_block.size() > detail::srp::kMaxSecretBlockChars) return fail(kBad, "SECRET_BLOCK is too long");
  auto block = crypto::base64_decode(ch.secret_block);
  if (!block) return fail(kBad, "SECRET_BLOCK is not valid Base64");

  BnCtxPtr ctx(BN_CTX_secure_new());
  BnPtr Bn = crypto::bn_new();
  BnPtr Bmod = crypto::bn_new();
  BnPtr u = crypto::bn_new();
  SecretBnPtr x = crypto::bn_secure_new();
  SecretBnPtr gx = crypto::bn_secure_new();
  SecretBnPtr kgx = crypto::bn_secure_new();
  SecretBnPtr base = crypto::bn_secure_new();
  SecretBnPtr ux = crypto::bn_secure_new();
  SecretBnPtr e = crypto::bn_secure_new();
  SecretBnPtr S = crypto::bn_secure_new();
  if (!ctx || !Bn || !Bmod || !u || !x || !gx || !kgx || !base || !ux || !e || !S)
    return crypto::ossl_error("BN allocation");

  // B mod N != 0
  if (BN_bin2bn(reinterpret_cast<const unsigned char*>(B->magnitude.data()),
                static_cast<int>(B->magnitude.size()), Bn.get()) == nullptr ||
      BN_nnmod(Bmod.get(), Bn.get(), G.N.get(), ctx.get()) != 1)
    return crypto::ossl_error("BN_nnmod");
  if (BN_is_zero(Bmod.get())) return fail(kBad, "SRP_B mod N is zero");

  // u = H(PAD(A) ‖ PAD(B)) != 0   (B as sent, not reduced)
  const std::string padB = detail::srp::pad_unsigned(B->magnitude);
  auto ud = crypto::sha256({impl->A_pad, padB});
  if (!ud) return std::move(ud).error();
  if (hooks != nullptr && hooks->force_u_zero) ud->bytes.fill(0);
  if (BN_bin2bn(ud->data(), static_cast<int>(ud->size()), u.get()) == nullptr)
    return crypto::ossl_error("BN_bin2bn");
  if (BN_is_zero(u.get())) return fail(kBad, "SRP: u is zero");
  const std::string padU = detail::srp::pad_unsigned(ud->view());

  // x = H(PAD(salt) ‖ H(name ‖ id ‖ ":" ‖ password))
  const std::string padSalt = detail::srp::pad_signed(*salt);
  auto xd = detail::srp::compute_x(padSalt, name, id, password);
  if (!xd) return std::move(xd).error();
  if (BN_bin2bn(xd->data(), static_cast<int>(xd->size()), x.get()) == nullptr)
    return crypto::ossl_error("BN_bin2bn");
  BN_set_flags(x.get(), BN_FLG_CONSTTIME);

  // base = (B - k·g^x) mod N in [0, N);  e = a + u·x;  S = base^e mod N
  if (BN_mod_exp_mont_consttime(gx.get(), G.g.get(), x.get(), G.N.get(), ctx.get(), G.mont.get()) != 1)
    return crypto::ossl_error("BN_mod_exp_mont_consttime(g^x)");
  if (BN_mod_mul_montgomery(kgx.get(), G.k_mont.get(), gx.get(), G.mont.get(), ctx.get()) != 1)
    return crypto::ossl_error("BN_mod_mul_montgomery");
  if (BN_mod_sub_quick(base.get(), Bmod.get(), kgx.get(), G.N.get()) != 1)
    return crypto::ossl_error("BN_mod_sub_quick");
  if (BN_mul(ux.get(), u.get(), x.get(), ctx.get()) != 1 || BN_add(e.get(), a.get(), ux.get()) != 1)
    return crypto::ossl_error("BN_mul/BN_add");
  BN_set_flags(e.get(), BN_FLG_CONSTTIME);
  if (BN_mod_exp_mont_consttime(S.get(), base.get(), e.get(), G.N.get(), ctx.get(), G.mont.get()) != 1)
    return crypto::ossl_error("BN_mod_exp_mont_consttime(S)");

  // K = HKDF(salt = PAD(u), IKM = PAD(S), "Caldera Derived Key", 16)
  WipedBuffer<kPadMax> padS;
  const std::size_t padSLen = detail::srp::pad_bn(S.get(), padS.b, kPadMax);  // S < N: always fits
  if (padSLen == 0) return crypto::ossl_error("PAD(S)");
  WipedBuffer<kKeyLen> K;
  if (auto r = crypto::hkdf_sha256(padU, sv(padS.b, padSLen), kHkdfInfo, K.b, kKeyLen); !r)
    return std::move(r).error();

  // signature = Base64(HMAC(K, name ‖ id ‖ secret block bytes ‖ TIMESTAMP))
  auto sig = crypto::hmac_sha256(sv(K.b, kKeyLen), {name, id, *block, timestamp});
  if (!sig) return std::move(sig).error();

  if (trace != nullptr) {
    trace->A_hex = impl->A_hex;
    trace->u_hex = detail::srp::bn_to_hex(u.get());
    trace->x_hex = detail::srp::bn_to_hex(x.get());
    trace->S_hex = detail::srp::bn_to_hex(S.get());
    trace->K_hex = detail::srp::to_hex(sv(K.b, kKeyLen), false);
    std::string msg;
    msg.append(name).append(id).append(*block).append(timestamp);
    trace->message_hex = detail::srp::to_hex(msg, false);
  }

  PasswordClaim claim;
  claim.signature = crypto::base64_encode(sig->view());
  claim.timestamp.assign(timestamp);
  return claim;
}

// ---- devices --------------------------------------------------------------------

namespace detail {

Result<DeviceVerifier> device_verifier_from(std::string_view device_group_key, std::string_view device_key,
                                            std::string_view device_password, std::string_view salt_bytes) {
  auto grp = the_group();
  if (!grp) return std::move(grp).error();
  // The salt is a non-negative integer; register its canonical PAD form so the
  // hex the service sends back later parses to the same bytes.
  const std::string padSalt = srp::pad_unsigned(salt_bytes);
  auto xd = srp::compute_x(padSalt, device_group_key, device_key, device_password);
  if (!xd) return std::move(xd).error();
  BnCtxPtr ctx(BN_CTX_secure_new());
  SecretBnPtr v = crypto::bn_secure_new();
  if (!ctx || !v) return crypto::ossl_error("BN allocation");
  if (auto r = srp::compute_verifier(*xd, v.get(), ctx.get()); !r) return std::move(r).error();
  unsigned char padV[kPadMax];
  const std::size_t padVLen = srp::pad_bn(v.get(), padV, sizeof padV);  // v < N: always fits
  if (padVLen == 0) return crypto::ossl_error("PAD(v)");

  DeviceVerifier out;
  out.device_password = SecretString(device_password);
  out.salt = crypto::base64_encode(padSalt);
  out.password_verifier = crypto::base64_encode(sv(padV, padVLen));
  return out;
}

}  // namespace detail

Result<DeviceVerifier> generate_device_verifier(std::string_view device_group_key, std::string_view device_key,
                                                const SrpRandom& random) {
  if (device_group_key.empty() || device_key.empty())
    return fail(ErrorCode::InvalidArgument, "SRP: the device group key and device key must not be empty");
  constexpr std::size_t kPasswordBytes = 40;
  constexpr std::size_t kSaltBytes = 16;
  WipedBuffer<kPasswordBytes> pw;
  unsigned char salt[kSaltBytes];
  auto draw = [&](unsigned char* p, std::size_t n) -> Result<void> {
    if (random) {
      if (!random(p, n)) return fail(ErrorCode::Random, "SRP: the random source failed");
      return {};
    }
    return crypto::random_bytes(p, n);
  };
  if (auto r = draw(pw.b, kPasswordBytes); !r) return std::move(r).error();
  if (auto r = draw(salt, kSaltBytes); !r) return std::move(r).error();

  SecretString password;
  password.resize(crypto::base64_encoded_size(kPasswordBytes));
  crypto::base64_encode_into(sv(pw.b, kPasswordBytes), password.mutable_data());
  auto out = detail::device_verifier_from(device_group_key, device_key, password.reveal(), sv(salt, kSaltBytes));
  if (!out) return out;
  out->device_password = std::move(password);
  return out;
}

// ---- internal access --------------------------------------------------------------

namespace detail {

std::string SrpClientAccess::a_hex(const SrpClient& client) {
  if (!client.impl_ || !client.impl_->a) return {};
  return srp::bn_to_hex(client.impl_->a.get());
}

}  // namespace detail

}  // namespace cognito
