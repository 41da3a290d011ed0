#include "service/json_document.hpp"

#include <cmath>
#include <optional>
#include <string>

namespace birthday {
namespace {

// nlohmann's own lexer (its parser's first stage), so that what counts as a number token, a
// string or the end of the text is exactly what the parser will see.
using Lexer = nlohmann::detail::lexer<nlohmann::json, nlohmann::detail::iterator_input_adapter<const char*>>;
using Token = Lexer::token_type;

// The text with every number a double cannot hold replaced by 0, or nothing when it has none.
// Also nothing when the lexer finds a bad token: "1e400.5" must not become the valid "0.5".
// The structure is untouched, so the parser still rules on everything else.
std::optional<std::string> with_unrepresentable_numbers_as_zero(std::string_view text) {
  Lexer lexer(nlohmann::detail::input_adapter(text.data(), text.data() + text.size()));
  std::string rewritten;
  std::size_t copied = 0;
  for (Token token = lexer.scan(); token != Token::end_of_input; token = lexer.scan()) {
    if (token == Token::parse_error) return std::nullopt;
    if (token != Token::value_float || std::isfinite(lexer.get_number_float())) continue;
    const std::size_t end = lexer.get_position().chars_read_total;
    const std::size_t start = end - lexer.get_token_string().size();
    rewritten.append(text.substr(copied, start - copied)).append("0");
    copied = end;
  }
  if (copied == 0) return std::nullopt;
  rewritten.append(text.substr(copied));
  return rewritten;
}

}  // namespace

nlohmann::json parse_json_document(std::string_view text) {
  nlohmann::json document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!document.is_discarded()) return document;
  // Only a text the parser refused pays for a second look.
  const std::optional<std::string> repaired = with_unrepresentable_numbers_as_zero(text);
  return repaired ? nlohmann::json::parse(*repaired, nullptr, /*allow_exceptions=*/false) : document;
}

}  // namespace birthday
