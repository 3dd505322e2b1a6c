/* The C API of an installed Tenet, from C: compile rules from text, evaluate one case. */
#include <stdio.h>
#include <string.h>

#include <tenet/tenet.h>

int main(void) {
    const char *rules_text =
        "ruleset consumer\n"
        "fact grant: money\n"
        "parameter rate: percent = 25% cite \"6.011.11 A\"\n"
        "decision reduced: money cite \"6.011.11 A\" = round_down(grant * (100% - rate), cent)\n";
    if (tenet_libversion_number() != TENET_VERSION_NUMBER) return 1;
    tenet_ruleset *rules = NULL;
    if (tenet_compile_buffer("consumer.tenet", rules_text, -1, 0, &rules) != TENET_OK) {
        fprintf(stderr, "%s", tenet_ruleset_errmsg(rules));
        tenet_ruleset_free(rules);
        return 1;
    }
    tenet_context *ctx = NULL;
    const char *result = NULL;
    int ok = tenet_context_new(rules, &ctx) == TENET_OK &&
             tenet_evaluate_json(ctx, "{\"as_of\":\"1999-06-01\",\"grant\":\"303.00\"}", -1, 0, NULL, 0, &result,
                                 NULL) == TENET_OK;
    if (ok) printf("%s\n", result);
    ok = ok && strcmp(result, "{\"decisions\":{\"reduced\":\"227.25\"},\"unresolved\":{}}") == 0;
    tenet_context_free(ctx);
    tenet_ruleset_free(rules);
    return ok ? 0 : 1;
}
