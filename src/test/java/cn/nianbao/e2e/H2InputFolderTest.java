package cn.nianbao.e2e;

import java.util.List;

/** The input folder's promises on the zero-setup default, H2 in a file beside the output folder. */
class H2InputFolderTest extends InputFolderTestBase {

    @Override
    List<String> databaseArgs() {
        return List.of();
    }
}
