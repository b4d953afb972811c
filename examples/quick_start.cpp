// quick_start — the smallest complete sign-in (the README's quick start).
//   COGNITO_USER_POOL_ID=... COGNITO_CLIENT_ID=... quick_start alice   (password, then codes, on stdin)
#include <cognito/cognito.hpp>

#include <cstdlib>
#include <iostream>
#include <string>

static std::string env(const char* name) { return std::getenv(name) ? std::getenv(name) : ""; }

int main(int argc, char** argv) {
  if (argc != 2) { std::cerr << "usage: quick_start USERNAME  (password, then codes, on stdin)\n"; return 2; }
  cognito::ClientConfig cfg;
  cfg.user_pool_id = env("COGNITO_USER_POOL_ID");   // e.g. us-east-1_AbCdEfGhI
  cfg.client_id = env("COGNITO_CLIENT_ID");
  cfg.endpoint = env("COGNITO_ENDPOINT");           // empty: Cognito in the pool's region
  auto client = cognito::Client::create(std::move(cfg));
  if (!client) { std::cerr << client.error().to_string() << "\n"; return 1; }

  std::string password, code;
  std::getline(std::cin, password);
  auto p = client->sign_in(cognito::SignInRequest::srp(argv[1], cognito::SecretString::take(password)));
  if (!p) { std::cerr << p.error().to_string() << "\n"; return 1; }
  while (!p->done()) {                              // MFA: an SMS, email or authenticator-app code
    std::cerr << p->step()->challenge_name << " code: ";
    if (!std::getline(std::cin, code)) return 1;
    if (auto r = client->answer(*p, cognito::Answer::code(code)); !r) {
      std::cerr << r.error().to_string() << "\n";
      if (!p->step()) return 1;                     // over; a mistyped code is simply asked again
    }
  }
  cognito::SignedIn s = p->take_result().value();
  std::cout << "signed in as " << s.username << "; access token valid for " << s.tokens.expires_in << " s\n";
}
