// libcognito (internal) — known-answer helpers and the server side of the SRP
// math, for tests, the benchmark and emulators (srp_internal.hpp).
#include <string>

#include "crypto/crypto.hpp"
#include "crypto/ossl.hpp"
#include "srp/srp_internal.hpp"
#include "srp/srp_math.hpp"

namespace cognito::detail {

using crypto::BnCtxPtr;
using crypto::BnPtr;
using crypto::SecretBnPtr;

namespace {

constexpr ErrorCode kArg = ErrorCode::InvalidArgument;

Result<const srp::Group*> the_group() {
  const srp::Group* grp = srp::group();
  if (grp == nullptr) return crypto::ossl_error("SRP group setup");
  return grp;
}

/// A non-negative hex value (up to 8192 bits) as a secret bignum.
Result<SecretBnPtr> bn_from_hex(std::string_view hex, const char* what) {
  auto v = srp::parse_hex(hex, false, srp::kMaxFixedAHexDigits, kArg, what);
  if (!v) return std::move(v).error();
  SecretBnPtr bn = crypto::bn_secure_new();
  if (!bn || BN_bin2bn(reinterpret_cast<const unsigned char*>(v->magnitude.data()),
                       static_cast<int>(v->magnitude.size()), bn.get()) == nullptr)
    return crypto::ossl_error("BN_bin2bn");
  BN_set_flags(bn.get(), BN_FLG_CONSTTIME);
  return bn;
}

/// PAD of a bignum of any size (server inputs are not bounded by N).
std::string pad_of(const BIGNUM* v) {
  std::string out(static_cast<std::size_t>(BN_num_bytes(v)) + 1, '\0');
  const std::size_t n = srp::pad_bn(v, reinterpret_cast<unsigned char*>(out.data()), out.size());
  out.resize(n);
  return out;
}

}  // namespace

std::string srp_N_hex() {
  const srp::Group* grp = srp::group();
  return grp ? srp::bn_to_hex(grp->N.get()) : std::string();
}

std::string srp_k_hex() {
  const srp::Group* grp = srp::group();
  return grp ? srp::bn_to_hex(grp->k.get()) : std::string();
}

Result<std::string> srp_pad_hex(std::string_view signed_hex) {
  auto v = srp::parse_hex(signed_hex, true, srp::kMaxFixedAHexDigits, kArg, "value");
  if (!v) return std::move(v).error();
  return srp::to_hex(srp::pad_signed(*v), false);
}

Result<std::string> srp_x_hex(std::string_view name, std::string_view id, std::string_view password,
                              std::string_view salt_hex) {
  auto salt = srp::parse_hex(salt_hex, true, srp::kMaxSaltHexDigits, kArg, "SALT");
  if (!salt) return std::move(salt).error();
  auto x = srp::compute_x(srp::pad_signed(*salt), name, id, password);
  if (!x) return std::move(x).error();
  return srp::to_hex(x->view(), true);
}

Result<std::string> srp_verifier_hex(std::string_view name, std::string_view id, std::string_view password,
                                     std::string_view salt_hex) {
  auto salt = srp::parse_hex(salt_hex, true, srp::kMaxSaltHexDigits, kArg, "SALT");
  if (!salt) return std::move(salt).error();
  auto x = srp::compute_x(srp::pad_signed(*salt), name, id, password);
  if (!x) return std::move(x).error();
  BnCtxPtr ctx(BN_CTX_secure_new());
  SecretBnPtr v = crypto::bn_secure_new();
  if (!ctx || !v) return crypto::ossl_error("BN allocation");
  if (auto r = srp::compute_verifier(*x, v.get(), ctx.get()); !r) return std::move(r).error();
  return srp::bn_to_hex(v.get());
}

Result<std::string> srp_server_B_hex(std::string_view v_hex, std::string_view b_hex) {
  auto grp = the_group();
  if (!grp) return std::move(grp).error();
  const srp::Group& G = **grp;
  auto v = bn_from_hex(v_hex, "v");
  if (!v) return std::move(v).error();
  auto b = bn_from_hex(b_hex, "b");
  if (!b) return std::move(b).error();
  BnCtxPtr ctx(BN_CTX_secure_new());
  SecretBnPtr gb = crypto::bn_secure_new();
  SecretBnPtr kv = crypto::bn_secure_new();
  BnPtr B = crypto::bn_new();
  if (!ctx || !gb || !kv || !B) return crypto::ossl_error("BN allocation");
  if (BN_mod_exp_mont_consttime(gb.get(), G.g.get(), b->get(), G.N.get(), ctx.get(), G.mont.get()) != 1 ||
      BN_mod_mul(kv.get(), G.k.get(), v->get(), G.N.get(), ctx.get()) != 1 ||
      BN_mod_add(B.get(), kv.get(), gb.get(), G.N.get(), ctx.get()) != 1)
    return crypto::ossl_error("SRP server B");
  return srp::bn_to_hex(B.get());
}

Result<std::string> srp_server_S_hex(std::string_view A_hex, std::string_view B_hex, std::string_view v_hex,
                                     std::string_view b_hex) {
  auto grp = the_group();
  if (!grp) return std::move(grp).error();
  const srp::Group& G = **grp;
  auto A = bn_from_hex(A_hex, "A");
  if (!A) return std::move(A).error();
  auto B = bn_from_hex(B_hex, "B");
  if (!B) return std::move(B).error();
  auto v = bn_from_hex(v_hex, "v");
  if (!v) return std::move(v).error();
  auto b = bn_from_hex(b_hex, "b");
  if (!b) return std::move(b).error();
  BnCtxPtr ctx(BN_CTX_secure_new());
  BnPtr u = crypto::bn_new();
  BnPtr Amod = crypto::bn_new();
  SecretBnPtr vu = crypto::bn_secure_new();
  SecretBnPtr base = crypto::bn_secure_new();
  SecretBnPtr S = crypto::bn_secure_new();
  if (!ctx || !u || !Amod || !vu || !base || !S) return crypto::ossl_error("BN allocation");
  // The server's checks: A mod N != 0, u != 0.
  if (BN_nnmod(Amod.get(), A->get(), G.N.get(), ctx.get()) != 1) return crypto::ossl_error("BN_nnmod");
  if (BN_is_zero(Amod.get())) return fail(kArg, "SRP server: A mod N is zero");
  auto ud = crypto::sha256({pad_of(A->get()), pad_of(B->get())});
  if (!ud) return std::move(ud).error();
  if (BN_bin2bn(ud->data(), static_cast<int>(ud->size()), u.get()) == nullptr) return crypto::ossl_error("BN_bin2bn");
  if (BN_is_zero(u.get())) return fail(kArg, "SRP server: u is zero");
  if (BN_mod_exp_mont(vu.get(), v->get(), u.get(), G.N.get(), ctx.get(), G.mont.get()) != 1 ||
      BN_mod_mul(base.get(), A->get(), vu.get(), G.N.get(), ctx.get()) != 1 ||
      BN_mod_exp_mont_consttime(S.get(), base.get(), b->get(), G.N.get(), ctx.get(), G.mont.get()) != 1)
    return crypto::ossl_error("SRP server S");
  return srp::bn_to_hex(S.get());
}

}  // namespace cognito::detail
