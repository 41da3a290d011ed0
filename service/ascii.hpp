#pragma once

#include <span>
#include <string>
#include <string_view>

// Locale-free ASCII text helpers for the protocol code (HTTP headers, SigV4, URLs, keys):
// these formats are ASCII by definition and must not change with the process's locale.
namespace birthday::ascii {

constexpr char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowercase(std::string_view text);

// Whether `a` and `b` are equal but for the case of ASCII letters (header names).
bool equal_ignoring_case(std::string_view a, std::string_view b);

// `text` without leading and trailing spaces, tabs, CRs and LFs (header values, lines).
std::string_view trim(std::string_view text);

// Two lowercase hex digits per byte.
std::string lowercase_hex(std::span<const unsigned char> bytes);

// %XX escapes decoded (either case of hex digit); a '%' not followed by two hex digits stays.
std::string percent_decode(std::string_view text);

}  // namespace birthday::ascii
