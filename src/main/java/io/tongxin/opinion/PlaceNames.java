package io.tongxin.opinion;

import io.tongxin.directory.Directory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;

/** Looks up the {@link Places} of opinions in the directory: two queries however many opinions. */
@ApplicationScoped
public class PlaceNames {

    @Inject
    Directory directory;

    public Places of(Collection<Opinion> opinions) {
        List<String> communities =
                opinions.stream().map(o -> o.communityCode).distinct().toList();
        List<String> workstations =
                opinions.stream().map(o -> o.workstationCode).distinct().toList();
        return new Places(directory.communityNames(communities), directory.workstationNames(workstations));
    }

    public Places of(Opinion o) {
        return of(List.of(o));
    }
}
