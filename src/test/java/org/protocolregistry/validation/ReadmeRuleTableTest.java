package org.protocolregistry.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.protocolregistry.validation.rules.RuleCatalogue;

/** The README's rule table lists exactly the implemented rules, in order, with their severities. */
class ReadmeRuleTableTest {

    @Test
    void readmeTableMatchesTheCatalogue() throws IOException {
        var documented = new LinkedHashMap<String, String>();
        for (var line : Files.readAllLines(Path.of("README.md"))) {
            var cells = line.split("\\|");
            if (cells.length > 3 && cells[1].trim().matches("[A-Z]+-[0-9]{3}")) {
                documented.put(cells[1].trim(), cells[2].trim());
            }
        }

        Map<String, String> implemented = RuleCatalogue.rules().stream().collect(Collectors.toMap(Rule::id,
                rule -> Arrays.stream(Severity.values()).filter(rule.severities()::contains).map(Enum::name)
                        .collect(Collectors.joining(" / ")),
                (a, b) -> a, LinkedHashMap::new));
        assertThat(documented).containsExactlyEntriesOf(implemented);
    }
}
