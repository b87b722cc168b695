package cn.nianbao.e2e;

import java.util.List;

/** The end-to-end job on the zero-setup default: H2 in a file beside the output folder. */
class H2ConsolidationJobTest extends ConsolidationJobTestBase {

    @Override
    List<String> databaseArgs() {
        return List.of();
    }
}
