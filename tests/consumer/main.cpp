// Compiles a ruleset from text and evaluates one case with the installed library.
#include <iostream>

#include <tenet/tenet.hpp>

int main() {
    auto compiled = tenet::compile_source("consumer.tenet", R"(
ruleset consumer
fact grant: money
parameter rate: percent = 25% cite "6.011.11 A"
decision reduced: money cite "6.011.11 A" = round_down(grant * (100% - rate), cent)
)");
    if (!compiled.ok()) {
        for (const auto &d : compiled.diagnostics) std::cerr << tenet::format_diagnostic(d);
        return 1;
    }
    tenet::Session session(compiled.ruleset);
    tenet::Case c;
    std::vector<tenet::InputError> errors;
    std::string out;
    if (!session.decode(R"({"as_of":"1999-06-01","grant":"303.00"})", &c, &errors) ||
        !session.evaluate_json(c, {}, &out, &errors)) {
        return 1;
    }
    std::cout << out << "\n";
    return out == R"({"decisions":{"reduced":"227.25"},"unresolved":{}})" ? 0 : 1;
}
