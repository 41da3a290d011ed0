#pragma once

#include <yaml-cpp/yaml.h>

namespace birthday::local {

// Throws std::runtime_error ("template: ...") naming the first template feature the local
// gateway would otherwise silently ignore: an HttpApi event with PayloadFormatVersion other than
// "2.0", TimeoutInMillis or ApiId, and an HTTP API with a StageName other than "$default".
// A gateway that answers differently from the template is worse than one that refuses it.
void refuse_unemulated_features(const YAML::Node& root);

}  // namespace birthday::local
