package cn.nianbao.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The shape of the program: packages point one way (no cycle between any two, through any path), the domain does
 * not know Spring Batch, and the product holds the product only.
 */
class PackagesTest {

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.nianbao");

    @Test
    void noPackageDependsOnAPackageThatDependsOnIt() {
        slices().matching("cn.nianbao.(*)..").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void theDomainDoesNotKnowSpringBatchOrSpring() {
        noClasses().that().resideInAnyPackage("cn.nianbao.model..", "cn.nianbao.template..", "cn.nianbao.ingest..",
                        "cn.nianbao.validate..", "cn.nianbao.rollup..", "cn.nianbao.publish..", "cn.nianbao.history..",
                        "cn.nianbao.job..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.batch..", "org.springframework.context..",
                        "org.springframework.beans..", "org.springframework.stereotype..")
                .check(PRODUCT);
    }

    /** What goes into the product jar (target/classes): no benchmark, sample generator or test hook. */
    @Test
    void theProductHoldsNoBenchmarkSamplesOrTestHooks() throws IOException {
        Path classes = Path.of("target/classes/cn/nianbao");
        assertThat(classes).isDirectory();
        try (Stream<Path> all = Files.walk(classes)) {
            List<String> names = all.map(p -> classes.relativize(p).toString().replace('\\', '/')).toList();
            assertThat(names).isNotEmpty().noneMatch(n -> n.startsWith("bench") || n.startsWith("samples") || n.startsWith("testing")
                    || n.contains("TestPause"));
        }
        assertThat(PRODUCT.stream().map(c -> c.getName())).noneMatch(n -> n.contains(".bench.") || n.contains(".samples.")
                || n.contains("TestPause"));
    }
}
